import type {StepStatus} from '../engine/events.js';
import type {Lang} from './text.js';

/** A recorded step status named in the reader's language (reconcile's reasons, the transcript). */
export const stepStatusNames: Readonly<Record<Lang, Readonly<Record<StepStatus, string>>>> = {
  en: {
    pending: 'pending',
    running: 'running',
    done: 'done',
    failed: 'failed',
    skipped: 'skipped',
    interrupted: 'interrupted',
  },
  ja: {
    pending: '未実行',
    running: '実行中',
    done: '完了',
    failed: '失敗',
    skipped: 'スキップ',
    interrupted: '中断',
  },
};
