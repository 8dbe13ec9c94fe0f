import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './compose-file.js';

/**
 * One `FROM … AS <name>` stage of the Dockerfile as its image ends up: a stage
 * built `FROM` an earlier one starts with that one's `ENV` values, exposed
 * ports and instructions (labels, `USER`, …), as the image does.
 */
export interface DockerfileStage {
  readonly name: string;
  readonly from: string;
  readonly env: Readonly<Record<string, string>>;
  readonly exposes: readonly number[];
  /** Every instruction of the stage and of the stages below it, continuation lines joined (`USER node`, `CMD [...]`, …). */
  readonly instructions: readonly string[];
}

/** The root Dockerfile as the checks need it: the default base image and each named stage. */
export function readDockerfile(file = join(repoRoot, 'Dockerfile')) {
  // Continuation lines joined, comments dropped: one instruction per line.
  const lines = readFileSync(file, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const nodeImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(lines.join('\n'))?.[1];
  const stages: DockerfileStage[] = [];
  for (const line of lines) {
    const from = /^FROM (?<base>\S+) AS (?<name>\S+)$/i.exec(line)?.groups;
    if (from?.base !== undefined && from.name !== undefined) {
      const below = stages.find((stage) => stage.name === from.base);
      stages.push({
        from: from.base,
        name: from.name,
        env: { ...below?.env },
        exposes: [...(below?.exposes ?? [])],
        instructions: [...(below?.instructions ?? [])],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) continue;
    (stage.instructions as string[]).push(line.replace(/\s+/g, ' '));
    if (line.startsWith('ENV ')) {
      for (const { groups } of line.slice(4).matchAll(/(?<key>[A-Z_][A-Z0-9_]*)=(?<value>\S+)/g)) {
        if (groups?.key !== undefined && groups.value !== undefined) {
          (stage.env as Record<string, string>)[groups.key] = groups.value;
        }
      }
    }
    if (line.startsWith('EXPOSE ')) {
      (stage.exposes as number[]).push(...line.slice(7).trim().split(/\s+/).map(Number));
    }
  }
  return { nodeImage, stages };
}
