// Calls in application code that write files at run time, as data: one row per call, with its source.
// The argument each row captures is the path written; `target` says whether that path is a file (its
// folder must take new files) or a folder the call creates or fills.

export interface WriteCall {
  /** What the row is, for evidence and messages. */
  name: string;
  language: 'python' | 'node';
  /**
   * Matched against one logical line; group 1 is the argument list from the opening parenthesis on
   * (the reader takes the argument named by `arg` from it).
   */
  pattern: RegExp;
  /** The path is the object the method is called on (`out_dir.mkdir()`): group 1 is that expression. */
  receiver?: boolean;
  /** Which argument is the path: its position, or a keyword argument's name (tried first when present). */
  arg: number;
  keyword?: string;
  target: 'file' | 'dir';
  /** The call also writes beside the file (sqlite's journal, shelve's .db/.dir/.dat): its folder must take new files. */
  siblings?: boolean;
  /** Only when the mode argument (position or `mode=`) writes: 'w', 'a', 'x' or '+'. */
  modeArg?: number;
  /** Only when this keyword argument has this value (`download=True`); otherwise the call only reads. */
  when?: { keyword: string; value: RegExp };
  source: string;
}

export const WRITE_CALLS: WriteCall[] = [
  { name: 'open()', language: 'python', pattern: /(?<![\w.])(?:io\.)?open\s*(\(.*)/, arg: 0, keyword: 'file', target: 'file', modeArg: 1, source: 'Python docs, built-in open(): modes w, a, x and + write' },
  { name: 'os.makedirs()', language: 'python', pattern: /\bos\.makedirs\s*(\(.*)/, arg: 0, keyword: 'name', target: 'dir', source: 'Python docs, os.makedirs: creates the leaf folder and its parents' },
  { name: 'os.mkdir()', language: 'python', pattern: /\bos\.mkdir\s*(\(.*)/, arg: 0, keyword: 'path', target: 'dir', source: 'Python docs, os.mkdir' },
  { name: 'Path.mkdir()', language: 'python', pattern: /\bPath\s*(\(.*)\)\s*\.mkdir\s*\(/, arg: 0, target: 'dir', source: 'Python docs, pathlib.Path.mkdir' },
  { name: 'path.mkdir()', language: 'python', pattern: /(?<![\w.])((?!os\b)[A-Za-z_]\w*)\.mkdir\s*\(/, receiver: true, arg: 0, target: 'dir', source: 'Python docs, pathlib.Path.mkdir on a path held in a variable' },
  { name: 'path.write_text()', language: 'python', pattern: /(?<![\w.])([A-Za-z_]\w*)\.(?:write_text|write_bytes)\s*\(/, receiver: true, arg: 0, target: 'file', source: 'Python docs, pathlib.Path.write_text / write_bytes on a path held in a variable' },
  { name: 'Path.write_text()', language: 'python', pattern: /\bPath\s*(\(.*)\)\s*\.(?:write_text|write_bytes|touch)\s*\(/, arg: 0, target: 'file', source: 'Python docs, pathlib.Path.write_text / write_bytes / touch' },
  { name: 'shutil copy/move', language: 'python', pattern: /\bshutil\.(?:copy|copy2|copyfile|copytree|move)\s*(\(.*)/, arg: 1, keyword: 'dst', target: 'file', source: 'Python docs, shutil: the second argument is written' },
  { name: 'sqlite3.connect()', language: 'python', pattern: /\bsqlite3\.connect\s*(\(.*)/, arg: 0, keyword: 'database', target: 'file', siblings: true, source: 'sqlite docs, tempfiles: the rollback journal and WAL files are created beside the database' },
  { name: 'shelve.open()', language: 'python', pattern: /\bshelve\.open\s*(\(.*)/, arg: 0, keyword: 'filename', target: 'file', siblings: true, source: 'Python docs, shelve/dbm: the backend adds .db, .dir, .dat or .bak files beside the name' },
  { name: 'logging.FileHandler', language: 'python', pattern: /\b(?:logging\.)?(?:handlers\.)?(?:Rotating|TimedRotating|Watched)?FileHandler\s*(\(.*)/, arg: 0, keyword: 'filename', target: 'file', siblings: true, source: 'Python docs, logging.handlers: rotating handlers rename and create files beside the log' },
  { name: 'logging.basicConfig(filename=)', language: 'python', pattern: /\blogging\.basicConfig\s*(\(.*)/, arg: -1, keyword: 'filename', target: 'file', source: 'Python docs, logging.basicConfig: filename= opens a FileHandler' },
  { name: 'pandas to_*()', language: 'python', pattern: /\.to_(?:csv|parquet|json|excel|pickle|feather|hdf|html|xml|stata)\s*(\(.*)/, arg: 0, keyword: 'path_or_buf', target: 'file', source: 'pandas docs, DataFrame.to_csv / to_parquet / to_json …: the first argument is the file written' },
  { name: 'savefig()', language: 'python', pattern: /\.savefig\s*(\(.*)/, arg: 0, keyword: 'fname', target: 'file', source: 'matplotlib docs, Figure.savefig / pyplot.savefig' },
  { name: 'cv2.imwrite()', language: 'python', pattern: /\bcv2\.imwrite\s*(\(.*)/, arg: 0, keyword: 'filename', target: 'file', source: 'OpenCV docs, imwrite' },
  { name: 'torch.save()', language: 'python', pattern: /\btorch\.save\s*(\(.*)/, arg: 1, keyword: 'f', target: 'file', source: 'PyTorch docs, torch.save(obj, f)' },
  { name: 'joblib/pickle dump', language: 'python', pattern: /\bjoblib\.dump\s*(\(.*)/, arg: 1, keyword: 'filename', target: 'file', source: 'joblib docs, joblib.dump(value, filename)' },
  { name: 'save_pretrained()', language: 'python', pattern: /\.save_pretrained\s*(\(.*)/, arg: 0, keyword: 'save_directory', target: 'dir', source: 'transformers docs, PreTrainedModel.save_pretrained(save_directory)' },
  { name: '.save()', language: 'python', pattern: /\.save\s*(\(.*)/, arg: 0, keyword: 'fp', target: 'file', source: 'PIL Image.save(fp), werkzeug FileStorage.save(dst), Keras Model.save(filepath): the first argument is written' },
  { name: 'output_dir=', language: 'python', pattern: /\b(?:TrainingArguments|Seq2SeqTrainingArguments|ModelCheckpoint|TensorBoardLogger|CSVLogger)\s*(\(.*)/, arg: -1, keyword: 'output_dir|dirpath|save_dir', target: 'dir', source: 'transformers TrainingArguments(output_dir), Lightning ModelCheckpoint(dirpath) / loggers (save_dir): checkpoints and logs' },
  { name: 'vector store persist_directory', language: 'python', pattern: /\b(?:Chroma(?:\.from_documents|\.from_texts)?|PersistentClient|StorageContext\.from_defaults|\w+\.persist)\s*(\(.*)/, arg: -1, keyword: 'persist_directory|persist_dir|path', target: 'dir', siblings: true, source: 'LangChain Chroma(persist_directory), chromadb PersistentClient(path), LlamaIndex persist(persist_dir): an sqlite database and index files in that folder' },
  { name: 'dataset download', language: 'python', pattern: /(?<![\w.])(?:(?:torchvision|torchaudio|torchtext)\.)?datasets\.[A-Z]\w*\s*(\(.*)/, arg: 0, keyword: 'root', target: 'dir', when: { keyword: 'download', value: /^True$/ }, source: 'torchvision docs, datasets: download=True downloads the dataset into root (torchaudio and torchtext datasets alike)' },
  { name: 'winston File transport', language: 'node', pattern: /\btransports\.File\s*\(\s*\{[^}]*\bfilename\s*:\s*(['"`][^'"`]*['"`])/, arg: 0, target: 'file', siblings: true, source: 'winston docs, transports.File: filename, rotated beside it' },
  { name: 'fs write', language: 'node', pattern: /(?:\bfs(?:\.promises)?\.|(?<![\w.]))(?:writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream)\s*(\(.*)/, arg: 0, target: 'file', source: 'Node.js docs, fs.writeFile / appendFile / createWriteStream, also imported by name (import { writeFileSync } from "node:fs")' },
  { name: 'fs mkdir', language: 'node', pattern: /(?:\bfs(?:\.promises)?\.|(?<![\w.]))(?:mkdir|mkdirSync)\s*(\(.*)/, arg: 0, target: 'dir', source: 'Node.js docs, fs.mkdir, also imported by name (import { mkdirSync } from "node:fs")' },
  { name: 'spawned CLI --local-dir', language: 'node', pattern: /\b(?:spawn|spawnSync|execFile|execFileSync)\s*\(\s*['"`][\w.-]+['"`]\s*,\s*\[.*?['"`](?:--local-dir|--output-dir|--cache-dir)['"`]\s*,\s*([^,\]]+)/, arg: 0, target: 'dir', source: 'huggingface-cli download --local-dir, and CLIs with --output-dir / --cache-dir: the program writes the folder the flag names' },
  { name: 'spawned CLI --output', language: 'node', pattern: /\b(?:spawn|spawnSync|execFile|execFileSync)\s*\(\s*['"`][\w.-]+['"`]\s*,\s*\[.*?['"`](?:--output|-o|-O)['"`]\s*,\s*([^,\]]+)/, arg: 0, target: 'file', source: 'curl -o/--output, wget -O: the program writes the file the flag names' },
  { name: 'subprocess CLI --local-dir', language: 'python', pattern: /\bsubprocess\.(?:run|Popen|call|check_call|check_output)\s*\(\s*\[\s*['"][\w.-]+['"]\s*,.*?['"](?:--local-dir|--output-dir|--cache-dir)['"]\s*,\s*([^,\]]+)/, arg: 0, target: 'dir', source: 'huggingface-cli download --local-dir, and CLIs with --output-dir / --cache-dir: the program writes the folder the flag names' },
  { name: 'subprocess CLI --output', language: 'python', pattern: /\bsubprocess\.(?:run|Popen|call|check_call|check_output)\s*\(\s*\[\s*['"][\w.-]+['"]\s*,.*?['"](?:--output|-o|-O)['"]\s*,\s*([^,\]]+)/, arg: 0, target: 'file', source: 'curl -o/--output, wget -O: the program writes the file the flag names' },
  { name: 'multer dest', language: 'node', pattern: /\bmulter\s*\(\s*\{[^}]*\b(?:dest|destination)\s*:\s*(['"`][^'"`]*['"`])/, arg: 0, target: 'dir', source: 'multer README: dest is the folder uploads are stored in' },
  { name: 'multer diskStorage destination', language: 'node', pattern: /\bdiskStorage\s*\(\s*\{[^}]*?\bdestination\s*:\s*(['"`][^'"`]*['"`])/, arg: 0, target: 'dir', source: 'multer README, DiskStorage: a destination string is the folder uploads are written to (multer creates it)' },
  { name: 'multer diskStorage destination callback', language: 'node', pattern: /\bdiskStorage\s*\(\s*\{.*?\bdestination\s*:\s*(?:(?:async\s+)?function\b[^{]*|(?:async\s*)?\([^)]*\)\s*=>\s*|\w+\s*=>\s*)\{?[^}]*?\b\w+\s*\(\s*null\s*,\s*(['"`][^'"`]*['"`])\s*\)/, arg: 0, target: 'dir', source: 'multer README, DiskStorage: destination as a function calls cb(null, folder), and the upload is written into that folder (which must exist)' },
];

/** Assignments whose value is a folder the framework writes into: settings names, with their source. */
export const WRITE_SETTINGS: { name: RegExp; target: 'file' | 'dir'; siblings?: boolean; source: string }[] = [
  { name: /^(?:app\.config\[['"]UPLOAD_FOLDER['"]\]|UPLOAD_FOLDER|UPLOAD_DIR)$/, target: 'dir', source: 'Flask docs, uploading files: UPLOAD_FOLDER is where uploads are saved' },
  { name: /^MEDIA_ROOT$/, target: 'dir', source: 'Django docs, MEDIA_ROOT: where FileField / ImageField uploads are stored' },
  { name: /^['"]NAME['"]$/, target: 'file', siblings: true, source: "Django docs, DATABASES: the sqlite3 backend's NAME is the database file (journal beside it)" },
];

/**
 * Libraries that write into the working folder on their own when the code uses them: the folder they
 * create, relative to the program's working folder, unless the code or ENV points them elsewhere.
 */
export const IMPLICIT_WRITERS: {
  name: string;
  uses: RegExp;
  unless: RegExp;
  path: string;
  /**
   * Only versions of this package below this major write the folder on their own; with another version, or
   * one the build does not pin, the write is named as a risk instead.
   */
  below?: { package: string; major: number; otherwise: string; off: string };
  source: string;
}[] = [
  { name: 'hydra', uses: /@hydra\.main\b/, unless: /hydra\.run\.dir|HYDRA_FULL_ERROR_NEVER/, path: 'outputs', source: 'Hydra docs, output directory: hydra.run.dir defaults to outputs/${now:%Y-%m-%d}/${now:%H-%M-%S} in the working folder' },
  {
    name: 'gradio flagging',
    uses: /\bgr(?:adio)?\.Interface\s*\(/,
    unless: /(?:allow_flagging|flagging_mode)\s*=\s*['"]never['"]|flagging_dir\s*=|GRADIO_ALLOW_FLAGGING|GRADIO_FLAGGING_MODE/,
    path: 'flagged',
    below: { package: 'gradio', major: 4, otherwise: 'gradio 4 and later keep flagged data in the working folder too, 5.x in .gradio/flagged when a user flags', off: 'allow_flagging="never"' },
    source: 'gradio 3.x Interface: allow_flagging defaults to "manual", and CSVLogger.setup() creates flagging_dir="flagged" in the working folder as the Interface is built',
  },
  { name: 'mlflow', uses: /\bmlflow\.(?:start_run|log_\w+|autolog)\b/, unless: /set_tracking_uri|MLFLOW_TRACKING_URI/, path: 'mlruns', source: 'MLflow docs, tracking: with no tracking URI, runs are written to ./mlruns in the working folder' },
];

/** URLs in environment variables (the Dockerfile's ENV, or what a deploy config sets) that name a place the program writes. */
export const WRITE_URLS: { scheme: string; pattern: RegExp; target: 'file' | 'dir'; database?: boolean; source: string }[] = [
  { scheme: 'sqlite', pattern: /^sqlite(?:\+\w+)?:\/\/\/([^?]+)/, target: 'file', database: true, source: 'sqlite keeps its journal beside the database' },
  { scheme: 'filecache', pattern: /^filecache:\/\/(\/[^?]*)/, target: 'dir', source: "django-environ, filecache:// is Django's FileBasedCache, which creates that folder and writes a file per cache entry" },
];
