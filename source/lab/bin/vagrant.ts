import {runStandin} from '../standins/common/run-standin.js';
import {vagrant} from '../standins/vagrant/vagrant.js';

await runStandin('vagrant', vagrant);
