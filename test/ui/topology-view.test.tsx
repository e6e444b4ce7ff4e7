import test from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {TopologyView} from '../../source/ui/topology-view.js';
import {uiStrings} from '../../source/ui/strings.js';
import {frameLines} from './helpers/render.js';

test('names each lab machine, its role and whether it is running, in Japanese', () => {
  const {lastFrame, unmount} = render(
    <TopologyView
      nodes={[
        {name: 'node1', address: '192.168.123.201', role: 'client', state: 'up'},
        {name: 'node2', address: '192.168.123.202', role: 'manager', state: 'mke'},
        {name: 'node3', address: '192.168.123.203', role: 'worker', state: 'absent'},
      ]}
      width={60}
      strings={uiStrings('ja')}
    />,
  );
  assert.deepEqual(frameLines(lastFrame()), [
    'ラボ',
    '+ node1 192.168.123.201  クライアント  稼働中',
    '# node2 192.168.123.202  マネージャー  MKE',
    '- node3 192.168.123.203  ワーカー  未起動',
  ]);
  unmount();
});
