import { SfError } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { EXIT } from '../model/exit-codes.js';
import { endOnceAnswered } from './run/process-end.js';

/** The codes of the one table (model/exit-codes.ts); sf's own usage error (2, a flag it could not parse) besides. */
const LISTED: ReadonlySet<number> = new Set([...Object.values(EXIT), 2]);

/** Salesforce's ErrorId of an internal error, and a mention of TypeError: sf then exits 20 or 10, whatever the error says. */
const ERROR_ID = /\d{9,}-\d{3,} \(-?\d{7,}\)/g;
const TYPE_ERROR = /TypeError/;

/**
 * The error a command ends with, with an exit code the table lists: sf picks 20 for any error whose message or stack
 * holds a Salesforce ErrorId and 10 for any that mentions a TypeError, over the error's own code. Such an error is
 * made again without its stack and cause, the ErrorId kept in the actions (what Salesforce Support asks for).
 */
export function withListedExitCode(error: Error): Error {
  const e = error as SfError;
  const text = `${e.message}\n${e.stack ?? ''}`;
  const heuristic = new RegExp(ERROR_ID.source).test(text) || TYPE_ERROR.test(text) || e.cause !== undefined;
  const unlisted = typeof e.exitCode === 'number' && !LISTED.has(e.exitCode);
  if (!heuristic && !unlisted) return error;
  const code = typeof e.exitCode === 'number' && LISTED.has(e.exitCode) ? e.exitCode : EXIT.failed;
  const message = e.message
    .replace(ERROR_ID, (id) => `ErrorId ${id.replace(/[()]/g, '')}`)
    .replace(new RegExp(TYPE_ERROR.source, 'g'), 'type error');
  const clean = new SfError(message, e.name === 'TypeError' ? 'InternalError' : e.name, e.actions, code);
  clean.stack = `${clean.name}: ${message}`;
  if (e.data !== undefined) clean.setData(e.data);
  return clean;
}

/**
 * The base of every command of the plugin: what sf's own base does, every error's exit code from the table, and the
 * process's end once the command has answered (run/process-end.ts).
 */
export abstract class EciCommand<T> extends SfCommand<T> {
  public override async catch(error: Error | SfError | SfCommand.Error): Promise<never> {
    return super.catch(withListedExitCode(error));
  }

  // oclif calls this after run() or catch(); the JSON of a success is printed right after, before any timer fires.
  protected override async finally(error: Error | undefined): Promise<void> {
    await super.finally(error);
    endOnceAnswered();
  }
}
