import { describe, expect, it } from 'vitest';
import type { Argv } from 'yargs';
import { COMMANDS } from '../../src/cli/commands.js';
import type { Io } from '../../src/cli/io.js';

/** A stand-in for yargs that records what a command module registers. */
function recorder() {
  const calls: { usage: string; describe: string }[] = [];
  const cli = {
    command(usage: string, describe: string) {
      calls.push({ usage, describe });
      return cli;
    },
  };
  return { cli: cli as unknown as Argv, calls };
}

describe('lazy command registry', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    '%s: the stub says what the module registers',
    async (_name, command) => {
      const { cli, calls } = recorder();
      (await command.load())(cli, {} as Io);
      expect(calls).toEqual([{ usage: command.usage, describe: command.describe }]);
      expect(command.usage.split(' ')[0]).toBe(command.name);
    },
  );
});
