import { saveModel } from './lib/store';
import type { ModelInfo } from './lib/types';

const info: ModelInfo = { id: 'org/tiny', files: ['config.json'] };
saveModel(info);
