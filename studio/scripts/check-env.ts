/**
 * Runs before `sanity dev`, `build` and `deploy` (see `package.json`): reads the Studio's variables
 * the way the Sanity CLI does (the environment first, then `studio/.env`, `.env.local`, `.env.<mode>`,
 * `.env.<mode>.local`) and says what is missing. `dev` and `deploy` stop without a project id;
 * `build` goes on with a placeholder so a fresh clone builds offline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describeStudioEnv, readStudioEnv } from '../env.ts';

const commands = ['dev', 'build', 'deploy'] as const;
type Command = (typeof commands)[number];

function isCommand(value: string | undefined): value is Command {
  return commands.includes(value as Command);
}

/** The variables of the `.env` files for `mode`, later files winning, the environment over all. */
function loadEnvFiles(mode: string, folder: URL): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = {};
  for (const name of ['.env', '.env.local', `.env.${mode}`, `.env.${mode}.local`]) {
    const file = new URL(name, folder);
    if (existsSync(file)) Object.assign(merged, parseEnv(readFileSync(file, 'utf8')));
  }
  return { ...merged, ...process.env };
}

const command = process.argv[2];
if (!isCommand(command)) {
  console.error(`Usage: node scripts/check-env.ts ${commands.join('|')}`);
  process.exit(2);
}
const mode = process.env.SANITY_ACTIVE_ENV ?? (command === 'dev' ? 'development' : 'production');
const env = readStudioEnv(loadEnvFiles(mode, new URL('../', import.meta.url)));
const message = describeStudioEnv(env, command);
if (message) console.error(message);
if (env.isPlaceholder && command !== 'build') process.exit(1);
