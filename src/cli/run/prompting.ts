import type { SfCommand } from '@salesforce/sf-plugins-core';

/** Whether the run may ask the person at the terminal: stdin is a terminal, and neither --json nor --no-prompt. */
export const mayPrompt = (command: SfCommand<unknown>, noPrompt?: boolean): boolean =>
  !noPrompt && Boolean(process.stdin.isTTY) && !command.jsonEnabled();

/** A question asked with the spinner stopped and the progress display paused around it, so neither draws over it. */
export async function askedAside<T>(
  command: SfCommand<unknown>,
  display: { pause?: () => void; resume?: () => void },
  ask: () => Promise<T>,
): Promise<T> {
  command.spinner.stop();
  display.pause?.();
  try {
    return await ask();
  } finally {
    display.resume?.();
  }
}
