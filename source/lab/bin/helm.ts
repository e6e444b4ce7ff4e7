import {runStandin} from '../standins/common/run-standin.js';
import {helm} from '../standins/helm/helm.js';

await runStandin('helm', helm);
