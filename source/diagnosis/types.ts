import type {I18nText} from '../i18n/text.js';

/** Who wrote a part of an error line (the article's "who says what"). */
export type Speaker =
  | 'gitlab-runner'
  | 'kubernetes-executor'
  | 'mke-ucp-authorization'
  | 'kubernetes'
  | 'helm'
  | 'other';

/** A part of the original error line, attributed. Concatenated, the parts give the line back. */
export type Segment = {readonly text: string; readonly speaker: Speaker};

/** A recognised failure, explained. Pure data: made by source/diagnosis/*, shown by UI and reporters. */
export type Diagnosis = {
  /** 'ucp-authorization' | 'psp-refusal' | 'runner-token' | 'image-pull' | 'helm-name-in-use' | 'gitlab-unreachable' | … */
  readonly id: string;
  readonly title: I18nText;
  readonly explanation: I18nText;
  /** The line as found (ANSI and section markers stripped). */
  readonly line: string;
  readonly segments: readonly Segment[];
  /** Named fields, e.g. requester, podServiceAccount, attributes, userAttributes, serviceAccounts. */
  readonly fields: Readonly<Record<string, string>>;
  /** What to do next; stepId/branchId let the UI jump there. */
  readonly next: {readonly hint: I18nText; readonly stepId?: string; readonly branchId?: string};
};
