/** An error the user caused or can fix: printed as one line naming the file, exit code 2. */
export class HardenError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'HardenError';
  }
}
