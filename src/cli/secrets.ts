import { Messages } from '@salesforce/core';
import { ECI_CONSUMER_KEY_ENV, Secret, type SecretIntake } from '../model/secret.js';
import { EXIT } from '../model/exit-codes.js';
import { isPromptExit } from './run/interrupt.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');

async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The secret from stdin (when asked) or the environment; undefined when neither gives one. Empty is refused. */
export async function secretFromEnvOrStdin(
  intake: SecretIntake,
  fromStdin: boolean,
  env: NodeJS.ProcessEnv = process.env,
  stdin?: NodeJS.ReadableStream,
): Promise<Secret | undefined> {
  let value: string | undefined;
  let source: string;
  if (fromStdin) {
    value = await readStdin(stdin);
    source = `--${intake.stdinFlag}`;
  } else {
    value = env[intake.envVar];
    source = intake.envVar;
  }
  if (value === undefined) return undefined;
  // Copied from a dashboard, a secret often carries a stray space or newline; none is ever part of it.
  if (value.trim().length === 0) {
    throw messages.createError('error.EmptySecret', [intake.name, source], [intake.envVar, intake.stdinFlag]);
  }
  return checkedSecret(value.trim(), intake, source);
}

/**
 * Longer than any secret of this guide: a RingCentral client secret is tens of characters, a consumer secret at most
 * 256. A longer value, or one of several lines, is a pasted file or the wrong thing piped in, never the secret.
 */
export const SECRET_MAX_LENGTH = 512;

function checkedSecret(value: string, intake: SecretIntake, source: string): Secret {
  if (/[\r\n]/.test(value) || value.length > SECRET_MAX_LENGTH) {
    throw messages.createError(
      'error.MalformedSecret',
      [intake.name, source, SECRET_MAX_LENGTH],
      [intake.envVar, intake.stdinFlag],
    );
  }
  return new Secret(value);
}

/** The error for a secret that is needed and was not given where no prompt can ask for it. */
export function missingSecretError(intake: SecretIntake): Error {
  return messages.createError('error.MissingSecret', [intake.name], [intake.envVar, intake.stdinFlag]);
}

/** Asks for a secret with a masked prompt; refuses an empty answer. */
export async function promptForSecret(
  intake: SecretIntake,
  prompt: (opts: { message: string }) => Promise<string>,
): Promise<Secret> {
  let value: string;
  try {
    value = await prompt({ message: messages.getMessage('prompt.Secret', [intake.name]) });
  } catch (error) {
    // Ctrl-C at the prompt: nothing was sent; a re-run asks again.
    if (isPromptExit(error)) throw messages.createError('error.PromptInterrupted', [intake.name], [], EXIT.interrupted);
    throw error;
  }
  if (value.trim().length === 0) {
    throw messages.createError('error.EmptySecret', [intake.name, 'the prompt'], [intake.envVar, intake.stdinFlag]);
  }
  return checkedSecret(value.trim(), intake, 'the prompt');
}

/** The ECI app's consumer key from ECI_CONSUMER_KEY (it identifies the app; it is held as a Secret all the same). */
export function consumerKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Secret | undefined {
  const value = env[ECI_CONSUMER_KEY_ENV]?.trim();
  return value ? new Secret(value) : undefined;
}
