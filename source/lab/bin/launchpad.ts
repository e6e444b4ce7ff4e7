import {runStandin} from '../standins/common/run-standin.js';
import {launchpad} from '../standins/launchpad/launchpad.js';

await runStandin('launchpad', launchpad);
