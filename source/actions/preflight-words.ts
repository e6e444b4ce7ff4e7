import type {Lang} from '../i18n/text.js';

// What preflight found, in the reader's language: each finding's sentence and what to do about
// it. Tool names, versions, paths and address ranges stay as they are.

type Level = 'ok' | 'warning' | 'blocking';
type Said = {readonly text: string; readonly fix?: string};

/** The sentences of preflight's findings. */
export type PreflightWords = {
  /** A finding as its output line: the level in a column, then the sentence. */
  readonly line: (level: Level, text: string) => string;
  readonly fixLine: (fix: string) => string;
  readonly noVersion: string;
  readonly notNeededSimulated: (tool: string) => string;
  readonly kubectlMissing: Said;
  readonly toolMissing: (tool: string) => Said;
  readonly memoryShort: (vms: number, each: number, needed: number, total: number) => Said;
  readonly memoryBusy: (needed: number, free: number) => Said;
  readonly memoryOk: (needed: number, free: number) => string;
  readonly diskShort: (wanted: number, free: number) => Said;
  readonly diskOk: (wanted: number, free: number) => string;
  readonly networksAllow: (conf: string, cidr: string) => string;
  readonly networksRefuse: (vbox: string, conf: string, cidr: string) => Said;
  readonly noHypervisorTools: Said;
  readonly simulatedLab: string;
  readonly centosEol: Said;
  readonly blocking: (count: number, texts: readonly string[]) => string;
};

const en: PreflightWords = {
  line: (level, text) => `${level.padEnd(8)} ${text}`,
  fixLine: (fix) => `         fix: ${fix}`,
  noVersion: '(no version printed)',
  notNeededSimulated: (tool) => `${tool}: not needed in the simulated lab`,
  kubectlMissing: {
    text: 'kubectl: not found',
    fix: 'the runbook does not need it, but install it to run the commands it shows',
  },
  toolMissing: (tool) => ({text: `${tool}: not found on PATH`, fix: `install ${tool}`}),
  memoryShort: (vms, each, needed, total) => ({
    text: `memory: ${vms} VMs × ${each} MiB need ${needed} MiB, this machine has ${total} MiB`,
    fix: 'lower the VM memory or the VM count, or use a bigger machine',
  }),
  memoryBusy: (needed, free) => ({
    text: `memory: ${needed} MiB needed, ${free} MiB free now`,
    fix: 'close other programs before vagrant up',
  }),
  memoryOk: (needed, free) => `memory: ${needed} MiB needed, ${free} MiB free`,
  diskShort: (wanted, free) => ({
    text: `disk: about ${wanted} GiB wanted for the VMs, ${free} GiB free`,
    fix: 'free some disk space',
  }),
  diskOk: (wanted, free) => `disk: ${free} GiB free (about ${wanted} GiB wanted)`,
  networksAllow: (conf, cidr) => `${conf} allows ${cidr}`,
  networksRefuse: (vbox, conf, cidr) => ({
    text: `VirtualBox ${vbox} only allows host-only addresses in 192.168.56.0/21 unless ${conf} lists ${cidr}`,
    fix: `add this line to ${conf} (as root): * ${cidr}`,
  }),
  noHypervisorTools: {
    text: 'none of vagrant, VirtualBox, launchpad is installed',
    fix: 'install them, or practise on the simulated lab: mke-runbook --simulate',
  },
  simulatedLab:
    'simulated lab: no VMs are made, so memory, disk and VirtualBox networks are not checked',
  centosEol: {
    text: 'CentOS 7 is end-of-life (2024-06-30): mirrorlist.centos.org no longer answers',
    fix: 'nothing to do: the Vagrantfile points yum at vault.centos.org',
  },
  blocking: (count, texts) =>
    `${count} blocking finding${count === 1 ? '' : 's'}: ${texts.join('; ')}`,
};

const levelJa: Readonly<Record<Level, string>> = {
  ok: 'OK      ',
  warning: '注意    ',
  blocking: '要対応  ',
};

const ja: PreflightWords = {
  line: (level, text) => `${levelJa[level]} ${text}`,
  fixLine: (fix) => `         対処: ${fix}`,
  noVersion: '(バージョンが表示されませんでした)',
  notNeededSimulated: (tool) => `${tool}: シミュレーションのラボでは不要です`,
  kubectlMissing: {
    text: 'kubectl: 見つかりません',
    fix: 'ランブックには不要ですが、表示されるコマンドを自分で試すにはインストールしてください',
  },
  toolMissing: (tool) => ({
    text: `${tool}: PATH に見つかりません`,
    fix: `${tool} をインストールしてください`,
  }),
  memoryShort: (vms, each, needed, total) => ({
    text: `メモリ: VM ${vms} 台 × ${each} MiB で ${needed} MiB 必要ですが、このマシンは ${total} MiB です`,
    fix: 'VM のメモリか台数を減らすか、大きいマシンを使ってください',
  }),
  memoryBusy: (needed, free) => ({
    text: `メモリ: ${needed} MiB 必要、いま空きは ${free} MiB`,
    fix: 'vagrant up の前にほかのプログラムを閉じてください',
  }),
  memoryOk: (needed, free) => `メモリ: ${needed} MiB 必要、空き ${free} MiB`,
  diskShort: (wanted, free) => ({
    text: `ディスク: VM に約 ${wanted} GiB 欲しいところ、空きは ${free} GiB`,
    fix: 'ディスクを空けてください',
  }),
  diskOk: (wanted, free) => `ディスク: 空き ${free} GiB(約 ${wanted} GiB 必要)`,
  networksAllow: (conf, cidr) => `${conf} は ${cidr} を許可しています`,
  networksRefuse: (vbox, conf, cidr) => ({
    text: `VirtualBox ${vbox} は、${conf} に ${cidr} がない限り、ホストオンリーのアドレスを 192.168.56.0/21 にしか許しません`,
    fix: `${conf} に次の行を足してください(root で): * ${cidr}`,
  }),
  noHypervisorTools: {
    text: 'vagrant・VirtualBox・launchpad のどれもインストールされていません',
    fix: 'インストールするか、シミュレーションのラボで練習してください: mke-runbook --simulate',
  },
  simulatedLab:
    'シミュレーションのラボ: VM は作らないので、メモリ・ディスク・VirtualBox のネットワークは確かめません',
  centosEol: {
    text: 'CentOS 7 はサポート終了(2024-06-30)です: mirrorlist.centos.org はもう応答しません',
    fix: '対応は不要です: Vagrantfile が yum の参照先を vault.centos.org にしています',
  },
  blocking: (count, texts) => `要対応の項目が ${count} 件: ${texts.join('; ')}`,
};

/** The preflight sentences for `lang`. */
export function preflightWords(lang: Lang): PreflightWords {
  return lang === 'ja' ? ja : en;
}
