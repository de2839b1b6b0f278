// Download programs and where they save what they fetch, as data: one row per program, with its source.
// A command that saves under the remote file's own name writes into a folder (the working folder, or
// the one an option names); one that names its output file writes that file.

export interface Downloader {
  program: string;
  /** Options whose value is the file written (`-` is standard output, not a file). */
  outputFile: string[];
  /** Options whose value is the folder files are saved in. */
  outputDir: string[];
  /** Options that save under the remote name in the working folder (or the outputDir); empty when that is the default. */
  remoteName: string[];
  /** Saves under the remote name with no option at all (wget). */
  savesByDefault: boolean;
  /** Short options that take a value, so a cluster such as `-XPOST` or `-qO-` is read letter by letter correctly. */
  shortWithValue: string;
  source: string;
}

export const DOWNLOADERS: Downloader[] = [
  {
    program: 'curl',
    outputFile: ['-o', '--output'],
    outputDir: ['--output-dir'],
    remoteName: ['-O', '--remote-name', '--remote-name-all', '-J', '--remote-header-name'],
    savesByDefault: false,
    shortWithValue: 'AbcCdDeEFHKmoPQrtTuUwxXyYz',
    source: 'curl man page: -O saves under the remote name in the working folder (or --output-dir), -o writes FILE, else stdout',
  },
  {
    program: 'wget',
    outputFile: ['-O', '--output-document'],
    outputDir: ['-P', '--directory-prefix'],
    remoteName: [],
    savesByDefault: true,
    shortWithValue: 'aABDeIilOoPQRtTUwXn',
    source: 'GNU Wget manual: saves under the remote name in the working folder (or -P DIR); -O writes FILE',
  },
];
