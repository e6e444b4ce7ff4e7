import type {CiJob} from './project.js';

/** One line of a job's script section: an echoed command or its output. */
export type ScriptLine = {readonly text: string; readonly command: boolean};

// What each of the article's commands prints inside a working dind build: enough to read like a
// real log, not a transcript of Docker.
function outputOf(command: string): string[] {
  if (command.startsWith('docker login')) {
    return [
      'WARNING! Using --password via the CLI is insecure. Use --password-stdin.',
      'Login Succeeded',
    ];
  }

  if (command.startsWith('docker build')) {
    return [
      'Sending build context to Docker daemon  2.048kB',
      'Step 1/3 : FROM openjdk:8-jre-alpine',
      ' ---> f7a292bbb70c',
      'Step 2/3 : COPY . /omegat',
      ' ---> 3c1e4f7b2a90',
      'Step 3/3 : ENTRYPOINT ["/omegat/run.sh"]',
      ' ---> 9b2d7e5c1f43',
      'Successfully built 9b2d7e5c1f43',
      'Successfully tagged registry.gitlab.example.com/lab/project:4.3.2',
    ];
  }

  if (command.startsWith('docker push')) {
    return [
      'The push refers to repository [registry.gitlab.example.com/lab/project]',
      '4.3.2: digest: sha256:5f1b3c0e9d7a2b4c6e8f0a1b3c5d7e9f1a3b5c7d9e0f2a4b6c8d0e2f4a6b8c0d size: 1364',
    ];
  }

  if (command.startsWith('docker run')) return ['Translated 1 file.'];
  return [];
}

/** The script section of a job's trace: each command echoed, then its output. */
export function jobScriptTrace(job: CiJob): ScriptLine[] {
  return job.script.flatMap((command) => [
    {text: command, command: true},
    ...outputOf(command).map((text) => ({text, command: false})),
  ]);
}
