import test from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {MainPane} from '../../source/ui/main-pane.js';
import {uiStrings} from '../../source/ui/strings.js';
import {steps} from '../fixtures/ui/runbook.js';
import {frameLines} from './helpers/render.js';

test("keeps a failed step's whole hint in a short pane, giving up the tool's earlier lines", () => {
  const step = steps[2];
  assert.ok(step);
  const {lastFrame, unmount} = render(
    <MainPane
      step={step}
      view={{
        status: 'failed',
        attempt: 1,
        checks: [],
        error: {
          code: 'exit-code',
          message: 'launchpad was ended by SIGKILL',
          detail: ['line 1', 'line 2', 'line 3', 'line 4'].join('\n'),
          hint: 'read the output above (and the full log), fix the cause, then retry the step',
        },
      }}
      tail={{stepId: undefined, lines: [], lastOutputAt: undefined}}
      running={false}
      now={0}
      width={60}
      height={5}
      strings={uiStrings('en')}
      lang="en"
    />,
  );
  assert.deepEqual(frameLines(lastFrame()), [
    '✗ Failed: launchpad was ended by SIGKILL',
    '  line 3',
    '  line 4',
    'Try: read the output above (and the full log), fix the',
    'cause, then retry the step',
  ]);
  unmount();
});
