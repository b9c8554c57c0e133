//! Source files and byte-offset → line/column resolution.
//!
//! Every value the linter reasons about carries a [`Span`]: a byte range in one
//! [`SourceFile`]. Spans are resolved to 1-based lines and columns only when a
//! finding is reported, through the line index built once per file.

pub mod budget;
pub mod prefetch;

use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

/// Files larger than this are not loaded by `file()` (they are not configuration).
pub const MAX_FILE_FN_BYTES: u64 = 8 << 20;

/// Files above this size are not configuration; they are skipped with an
/// error, wherever they are read from (the walk, a module call, a var file).
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// Index of a file in a [`Sources`] table.
pub type FileId = u32;

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: std::ops::Range<usize>) -> Span {
        Span { file, start: range.start as u32, end: range.end as u32 }
    }

    /// True when `other` lies within this span (same file).
    pub fn contains(&self, other: &Span) -> bool {
        self.file == other.file && self.start <= other.start && other.end <= self.end
    }
}

/// A file that has been read, with its line index.
pub struct SourceFile {
    /// The path as reached from the command-line argument (what users see).
    pub display: String,
    /// The path used to read the file.
    pub path: PathBuf,
    pub text: Arc<str>,
    /// Built on first use: most files never have a finding, so most never
    /// need it (and building it is one more pass over every file).
    line_starts: std::sync::OnceLock<Vec<u32>>,
    /// Characters before every [`CHAR_CHECKPOINT`]-th byte, built on the
    /// first column asked for: a column is then counted from the nearest
    /// checkpoint, not from the start of its line (a minified file is one
    /// line of megabytes, with a finding every few hundred bytes).
    char_checkpoints: std::sync::OnceLock<Vec<u32>>,
    /// [`may_have_directives`], asked by evaluation and by the suppression
    /// pass alike: one scan of the text.
    directives: std::sync::OnceLock<bool>,
}

/// Bytes between two checkpoints of [`SourceFile::char_checkpoints`]: a
/// column costs at most this many bytes of counting, and the checkpoints
/// cost 4 bytes per this many of text.
const CHAR_CHECKPOINT: usize = 4096;

impl SourceFile {
    pub fn new(display: String, path: PathBuf, text: Arc<str>) -> SourceFile {
        SourceFile {
            display,
            path,
            text,
            line_starts: std::sync::OnceLock::new(),
            char_checkpoints: std::sync::OnceLock::new(),
            directives: std::sync::OnceLock::new(),
        }
    }

    /// May the text hold an ignore directive (see [`may_have_directives`])?
    pub fn may_have_directives(&self) -> bool {
        *self.directives.get_or_init(|| may_have_directives(&self.text))
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = Vec::with_capacity(self.text.len() / 32 + 1);
            starts.push(0);
            starts.extend(memchr_newlines(self.text.as_bytes()));
            starts
        })
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = offset.min(self.text.len() as u32);
        let line = match self.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts()[line] as usize;
        let mut end = offset as usize;
        while end > start && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        // A line up to a checkpoint's distance long is counted directly.
        let col = if end - start <= CHAR_CHECKPOINT {
            count_chars(&self.text.as_bytes()[start..end])
        } else {
            self.chars_before(end) - self.chars_before(start)
        } + 1;
        (line + 1, col)
    }

    /// Number of characters before the byte offset `at` (a char boundary).
    fn chars_before(&self, at: usize) -> usize {
        let bytes = self.text.as_bytes();
        let checkpoints = self.char_checkpoints.get_or_init(|| {
            let mut out = Vec::with_capacity(bytes.len() / CHAR_CHECKPOINT + 1);
            let mut n = 0;
            out.push(0);
            for chunk in bytes.chunks(CHAR_CHECKPOINT) {
                n += count_chars(chunk) as u32;
                out.push(n);
            }
            out
        });
        let k = at / CHAR_CHECKPOINT;
        checkpoints[k] as usize + count_chars(&bytes[k * CHAR_CHECKPOINT..at])
    }

    /// 0-based index of the line holding `offset` (a binary search).
    pub fn line_index(&self, offset: u32) -> usize {
        match self.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where the 0-based line `idx` starts, if the file has it.
    pub fn line_start(&self, idx: usize) -> Option<u32> {
        self.line_starts().get(idx).copied()
    }

    /// Byte range of a 1-based line, without its line terminator.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts().get(line - 1).copied().unwrap_or(0) as usize;
        let mut end = self.line_starts().get(line).map(|e| *e as usize - 1).unwrap_or(self.text.len());
        if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }
}

/// Characters in a byte slice of UTF-8 text: the bytes that do not continue
/// a character. (A slice may cut a character; counting its lead byte only
/// keeps sums over adjacent slices exact.)
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    memchr::memchr_iter(b'\n', bytes).map(|i| i as u32 + 1)
}

/// The files one evaluation task has read: a module, its local child modules,
/// and anything they load with `file()` or `templatefile()`. Files can be
/// added while expressions are being evaluated, hence the interior mutability.
#[derive(Default)]
pub struct Sources {
    files: std::cell::RefCell<Vec<Arc<SourceFile>>>,
    /// Path -> id, so looking a file up stays constant-time in big modules.
    by_path: std::cell::RefCell<crate::path_key::PathMap<FileId>>,
    /// Values derived once per task from a string value (a policy heredoc
    /// parsed as JSON is read by several IAM checks): keyed by the string's
    /// allocation and span. Stored without their types, so that this low module
    /// needs none of the model's.
    memo: std::cell::RefCell<Memo>,
    /// Values derived once per task from a whole file (a template parsed
    /// for `templatefile`), by file and type.
    file_memo: std::cell::RefCell<foldhash::HashMap<(FileId, std::any::TypeId), Rc<dyn std::any::Any>>>,
    /// What evaluating this task's files may still spend (shared with the
    /// rules, which walk the values).
    pub budget: budget::Budget,
}

/// (allocation, span) -> (the allocation, kept alive so its address is not
/// reused; the derived value).
type Memo = foldhash::HashMap<(usize, Span, std::any::TypeId), (Rc<dyn std::any::Any>, Rc<dyn std::any::Any>)>;

impl Sources {
    pub fn add(&self, file: SourceFile) -> FileId {
        let mut files = self.files.borrow_mut();
        let id = files.len() as FileId;
        // The first file with a path keeps it (a file read twice is the same file).
        self.by_path.borrow_mut().entry((&file.path).into()).or_insert(id);
        files.push(Arc::new(file));
        id
    }

    pub fn get(&self, id: FileId) -> Arc<SourceFile> {
        self.files.borrow()[id as usize].clone()
    }

    pub fn len(&self) -> usize {
        self.files.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.by_path.borrow().get(path.as_os_str()).copied()
    }

    /// What `derive` makes of the string `owner` at `span`, computed once per
    /// task whatever number of checks ask.
    pub fn memo<O: 'static, T: Clone + 'static>(&self, owner: &Rc<O>, span: Span, derive: impl FnOnce() -> T) -> T {
        // By type too: two derivations of one string (a document, and that
        // document checked for `jsondecode`) are kept side by side.
        let key = (Rc::as_ptr(owner) as *const u8 as usize, span, std::any::TypeId::of::<T>());
        if let Some(v) = self.memo.borrow().get(&key).and_then(|(_, v)| v.downcast_ref::<T>()) {
            return v.clone();
        }
        let v = derive();
        self.memo.borrow_mut().insert(key, (owner.clone(), Rc::new(v.clone())));
        v
    }

    /// What `derive` makes of file `id`, computed once per task (a module
    /// rendering the same template for every item of a `for` parses it once).
    pub fn memo_file<T: 'static>(&self, id: FileId, derive: impl FnOnce() -> T) -> Rc<T> {
        let key = (id, std::any::TypeId::of::<T>());
        if let Some(v) = self.file_memo.borrow().get(&key).and_then(|v| v.clone().downcast::<T>().ok()) {
            return v;
        }
        let v = Rc::new(derive());
        self.file_memo.borrow_mut().insert(key, v.clone());
        v
    }

    pub fn text(&self, span: Span) -> String {
        let f = self.get(span.file);
        f.text.get(span.start as usize..span.end as usize).unwrap_or("").to_string()
    }
}

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// Larger than the limit given, in bytes (not configuration).
    TooLarge(u64),
    /// Contains NUL bytes.
    Binary,
    /// Encrypted by git-crypt (`\0GITCRYPT\0` header): the repository's owners
    /// chose to keep it unreadable without their key, as Terraform finds it
    /// too until `git-crypt unlock`; said in a notice, not an error.
    GitCrypt,
    /// Not UTF-8: the offset of the first invalid byte.
    NotUtf8(usize),
    /// Not a regular file (a FIFO, a device, a directory): reading it could
    /// block or never end.
    NotRegular,
    /// Refused at the trust boundary.
    Refused(crate::boundary::Refusal),
}

/// The message users see, wherever the file was read.
impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read file: {e}"),
            ReadError::TooLarge(max) => write!(f, "file is larger than {} MiB; not checked", max >> 20),
            ReadError::Binary => write!(f, "file is binary (contains NUL bytes), not text"),
            ReadError::GitCrypt => {
                write!(f, "file is encrypted with git-crypt, so it is not checked (run `git-crypt unlock` before the scan to check it)")
            }
            ReadError::NotUtf8(at) => write!(f, "file is not valid UTF-8 (invalid byte at offset {at})"),
            ReadError::NotRegular => write!(f, "not a regular file; not read"),
            ReadError::Refused(why) => write!(f, "not read: {why}"),
        }
    }
}

/// Opens a regular file (following symlinks) for reading. Opened without
/// blocking, so a FIFO planted in the tree cannot stall the run; anything
/// that is not a regular file is refused before a byte is read.
fn open_regular(path: &Path) -> Result<std::fs::File, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO with no writer returns at once.
        options.custom_flags(0o4000);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    if !file.metadata().map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotRegular);
    }
    Ok(file)
}

/// Reads a text file straight into the shared buffer every later stage
/// borrows: one open, one `fstat` and one copy from the kernel per file
/// (`fs::read` + `Arc::from(String)` copies every file twice).
pub fn read_shared(path: &Path, max_bytes: u64) -> Result<Arc<str>, ReadError> {
    let buf = read_shared_bytes(path, max_bytes)?;
    shared_text(buf)
}

/// `bytes` as text (see [`as_text`]), without copying them.
pub fn shared_text(bytes: Arc<[u8]>) -> Result<Arc<str>, ReadError> {
    as_text(&bytes)?;
    // SAFETY: `bytes` was just checked to be UTF-8, and `str` has the layout of `[u8]`.
    Ok(unsafe { Arc::from_raw(Arc::into_raw(bytes) as *const str) })
}

/// The bytes of a regular file of at most `max_bytes`, read into an
/// allocation of their size, that may be shared.
pub fn read_shared_bytes(path: &Path, max_bytes: u64) -> Result<Arc<[u8]>, ReadError> {
    use std::io::Read;
    let mut file = open_regular(path)?;
    let len = file.metadata().map_err(ReadError::Io)?.len();
    if len > max_bytes {
        return Err(ReadError::TooLarge(max_bytes));
    }
    // SAFETY: all-zero bytes are valid `u8`s.
    let mut buf: Arc<[u8]> = unsafe { Arc::<[u8]>::new_zeroed_slice(len as usize).assume_init() };
    let whole = match Arc::get_mut(&mut buf) {
        Some(b) => file.read_exact(b).is_ok() && file.read(&mut [0u8; 1]).map_err(ReadError::Io)? == 0,
        None => false,
    };
    if !whole {
        // The file changed size while being read: take it as it is now.
        let mut bytes = Vec::new();
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)).map_err(ReadError::Io)?;
        if bytes.len() as u64 > max_bytes {
            return Err(ReadError::TooLarge(max_bytes));
        }
        buf = Arc::from(bytes);
    }
    Ok(buf)
}

/// Reads a file's bytes into `buf` (reused from file to file: a pass that
/// only looks at each file once allocates nothing per file). Not checked to
/// be text: see [`as_text`].
pub fn read_bytes_into<'b>(path: &Path, max_bytes: u64, buf: &'b mut Vec<u8>) -> Result<&'b [u8], ReadError> {
    use std::io::Read;
    buf.clear();
    let file = open_regular(path)?;
    if file.metadata().map_err(ReadError::Io)?.len() > max_bytes {
        return Err(ReadError::TooLarge(max_bytes));
    }
    file.take(max_bytes + 1).read_to_end(buf).map_err(ReadError::Io)?;
    if buf.len() as u64 > max_bytes {
        return Err(ReadError::TooLarge(max_bytes));
    }
    Ok(buf)
}

/// Reads at most the first `n` bytes of a regular file into `buf` (for
/// recognising a file by its content).
pub fn read_head_into<'b>(path: &Path, n: u64, buf: &'b mut Vec<u8>) -> Result<&'b [u8], ReadError> {
    use std::io::Read;
    buf.clear();
    open_regular(path)?.take(n).read_to_end(buf).map_err(ReadError::Io)?;
    Ok(buf)
}

/// The first bytes of every file git-crypt has encrypted.
const GIT_CRYPT_HEADER: &[u8] = b"\0GITCRYPT\0";

impl ReadError {
    /// Reported as a notice (the run still passes): a file kept encrypted on
    /// purpose is not a problem of the repository.
    pub fn is_notice(&self) -> bool {
        matches!(self, ReadError::GitCrypt)
    }
}

/// The bytes as text, unless they are binary or not UTF-8 (the error users see).
pub fn as_text(bytes: &[u8]) -> Result<&str, ReadError> {
    if bytes.starts_with(GIT_CRYPT_HEADER) {
        return Err(ReadError::GitCrypt);
    }
    if memchr::memchr(0, bytes).is_some() {
        return Err(ReadError::Binary);
    }
    std::str::from_utf8(bytes).map_err(|e| ReadError::NotUtf8(e.valid_up_to()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_naming_a_tool_may_have_directives_and_others_do_not() {
        for text in ["# tflint-rs:ignore x", "#tfsec:ignore:aws-x", "# trivy:ignore:AVD-1", "#checkov:skip=CKV_1"] {
            assert!(may_have_directives(&format!("resource \"a\" \"b\" {{}}\n{text}\n")), "{text}");
        }
        // The tool's name in any case, after any whitespace, in either comment style.
        for text in
            ["# Checkov:skip=CKV_AWS_17", "# TFSEC:ignore:aws-x", "//\u{a0}\tTrivy:ignore:AVD-1", "#TfLint-Rs:ignore:x"]
        {
            assert!(may_have_directives(&format!("a = \"https://x/y\" # z\n{text}\n")), "{text}");
        }
        assert!(!may_have_directives("resource \"a\" \"b\" {\n  # ignore this\n}\n"));
        // A tool named outside a comment, or a comment naming it later, is not a directive.
        assert!(!may_have_directives("a = \"tfsec\" # see checkov\nb = \"/tflint\" // x trivy\n"));
        assert!(!may_have_directives("#"));
        assert!(!may_have_directives("a = 1 /"));
        assert!(!may_have_directives(""));
    }

    #[test]
    fn columns_count_characters_from_the_line_start_in_files_of_any_size() {
        // Lines crossing checkpoints, multi-byte characters cut by them.
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(&"aé€😀".repeat(i % 7));
            // Short lines first, then lines of many checkpoints.
            text.push_str(if i % 5 == 0 && (i < 1000 || i % 700 == 0) { "\n" } else { "x" });
        }
        let file = SourceFile::new("f".into(), "f".into(), Arc::from(text.as_str()));
        assert!(text.lines().any(|l| l.len() > 3 * CHAR_CHECKPOINT));
        for (at, _) in text.char_indices().step_by(7) {
            let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
            let line = text[..at].matches('\n').count() + 1;
            assert_eq!(file.line_col(at as u32), (line, text[start..at].chars().count() + 1), "offset {at}");
        }
        // Inside a character: its column.
        let at = text.find('€').unwrap();
        assert_eq!(file.line_col(at as u32 + 1), file.line_col(at as u32));
    }

    #[test]
    fn read_shared_reads_text_and_refuses_binary_and_bad_utf8() {
        let dir = std::env::temp_dir().join(format!("tflint-rs-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = |name: &str, bytes: &[u8]| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        assert_eq!(&*read_shared(&file("a.tf", b"a = 1\n"), 100).unwrap(), "a = 1\n");
        assert_eq!(&*read_shared(&file("empty.tf", b""), 100).unwrap(), "");
        assert!(matches!(read_shared(&file("nul.tf", b"a\0b"), 100), Err(ReadError::Binary)));
        assert!(matches!(read_shared(&file("latin1.tf", b"ab\xe9"), 100), Err(ReadError::NotUtf8(2))));
        assert!(matches!(read_shared(&file("big.tf", &[b'x'; 101]), 100), Err(ReadError::TooLarge(_))));
        assert!(matches!(read_shared(&dir.join("missing.tf"), 100), Err(ReadError::Io(_))));
        let mut buf = b"left over from the last file".to_vec();
        assert_eq!(read_bytes_into(&file("b.tf", b"b = 2\n"), 100, &mut buf).unwrap(), b"b = 2\n");
        let bytes = read_bytes_into(&file("nul2.tf", b"a\0b"), 100, &mut buf).unwrap();
        assert!(matches!(as_text(bytes), Err(ReadError::Binary)));
        assert!(matches!(as_text(b"\0GITCRYPT\0\x3f\xd0<"), Err(ReadError::GitCrypt)));
        assert!(matches!(read_bytes_into(&file("big2.tf", &[b'x'; 101]), 100, &mut buf), Err(ReadError::TooLarge(_))));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// A block or attribute of a file: its lines, and the module name for `module`
/// blocks. Ignore comments cover the construct they precede; the evaluator
/// records constructs while it has the parsed tree, so that they need not be
/// parsed again when directives are applied.
#[derive(Debug, Clone)]
pub struct Construct {
    pub start: usize,
    pub end: usize,
    pub module: Option<String>,
}

/// Cheap prefilter: most files have no ignore directive at all. A directive
/// is a comment (`#` or `//`, then any whitespace) that begins with a tool's
/// name, in any ASCII case (`# Checkov:skip=...`), as `suppress` reads them:
/// each comment marker is found with `memchr` and the few bytes after it
/// compared, one pass over the text. (Four `memmem` searches, lower case
/// only, were 1.2% of a corpus check; an ASCII-case-insensitive automaton
/// ran byte by byte and cost 9%.)
pub fn may_have_directives(text: &str) -> bool {
    directive_markers(text).next().is_some()
}

/// Where the comment markers are that [`may_have_directives`] looks for:
/// each followed by a tool's name. A superset of the directives `suppress`
/// reads (a marker whose name is on the next line counts too).
pub fn directive_markers(text: &str) -> impl Iterator<Item = usize> + '_ {
    const TOOLS: [&[u8]; 4] = [b"tflint", b"tfsec", b"trivy", b"checkov"];
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'#', b'/', bytes).filter(move |&at| {
        let mut i = at + 1;
        // Of a run of markers (`###`, `///`) only the last may be followed by a name.
        match bytes[at] {
            b'#' if bytes.get(i) == Some(&b'#') => return false,
            b'/' if bytes.get(i) != Some(&b'/') || bytes.get(i + 1) == Some(&b'/') => return false,
            b'/' => i += 1,
            _ => {}
        }
        // `\s*` of the directive expression: Unicode whitespace.
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_whitespace() || b == 0x0b {
                i += 1;
            } else if b >= 0x80 && text[i..].chars().next().is_some_and(char::is_whitespace) {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
            } else {
                break;
            }
        }
        let rest = &bytes[i..];
        matches!(rest.first().map(|b| b | 0x20), Some(b't' | b'c'))
            && TOOLS.iter().any(|t| rest.get(..t.len()).is_some_and(|r| r.eq_ignore_ascii_case(t)))
    })
}

/// The lines of `text` (0-based index, text as `str::lines` gives it) that
/// hold a marker [`directive_markers`] finds, each once, in order: the only
/// lines a directive can be on.
pub fn directive_lines(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out: Vec<(usize, &str)> = Vec::new();
    // Newlines are counted from the last marker on.
    let (mut line, mut counted_to) = (0, 0);
    for at in directive_markers(text) {
        line += memchr::memchr_iter(b'\n', &bytes[counted_to..at]).count();
        counted_to = at;
        if out.last().is_some_and(|(l, _)| *l == line) {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |p| at + p);
        // `str::lines` drops the `\r` of a `\r\n` ending.
        let mut text_of_line = &text[start..end];
        if end < bytes.len() {
            text_of_line = text_of_line.strip_suffix('\r').unwrap_or(text_of_line);
        }
        out.push((line, text_of_line));
    }
    out
}
