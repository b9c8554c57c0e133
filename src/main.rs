//! The `tflint-rs` command line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use tflint_rs::pipeline::{self, Options};
use tflint_rs::report::{self, Format, Report};
use tflint_rs::rules::{self, engine::Engine, Profile};

// Parsing and evaluation allocate many small nodes; mimalloc spends far fewer
// instructions per allocation than glibc's malloc (a quarter of the profile).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (the same index in its v2 and v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// No transparent huge pages from now on. A run on named files (a
/// pre-commit hook) touches a few MB: each 2 MB page the kernel gives for a
/// fresh mapping is zeroed whole at its first touch, which was a sixth of
/// such a run's time (perf). mimalloc asks for huge pages when it maps its
/// arena, before `main`: the process's flag turns them off for every later
/// fault. A run over a directory keeps them (2% faster on the real-code
/// corpus).
fn small_pages_only() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes no pointer; an error changes nothing.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Memory a thread frees goes back to the system at once, not 10 ms later.
/// A heavy directory's task frees its trees and values in bulk, and with the
/// delay the next one allocated before they were returned: four 30 MB files
/// peaked at 770 MB on two threads and 563 MB on one, 454 and 423 MB with
/// this. It costs about 6% more CPU on ordinary code, so it is set only
/// before the heavy directories (`Options::before_heavy_directories`).
fn return_freed_memory_at_once() {
    // SAFETY: sets an integer option, which mimalloc reads atomically.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

const EXIT_HELP: &str = "Exit status: 0 no findings, 1 findings, 2 the check could not be completed \
(bad usage, an unreadable path, a file that does not parse, a bad rule file).";

#[derive(Parser)]
#[command(name = "tflint-rs", version, about = "A fast policy and security linter for Terraform and AWS ECS task definitions", after_help = EXIT_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// `check` has many flags; the enum is built once per run, so its size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Check Terraform, variable files, ECS task definitions and committed secrets.
    #[command(after_help = EXIT_HELP)]
    Check(CheckArgs),
    /// List the rule catalogue.
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Also list the rules of this profile.
        #[arg(long, value_enum, default_value = "strict")]
        profile: ProfileArg,
        /// Extra rule directories.
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
    },
    /// Write a commented starter .tflint-rs.toml in the current directory.
    Init {
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Print a rule's documentation (by its id, or by a Checkov, tfsec/Trivy or KICS id).
    Explain {
        rule_id: String,
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
    },
    /// Write a new rule's file and its fixture skeletons (a working
    /// declarative check to edit), and say what to run next.
    NewRule {
        /// The rule id (lowercase words joined by `-`, e.g. `aws-opensearch-public`).
        id: String,
        /// What the rule checks (`resource.TYPE`, `data.TYPE`, `container.ecs`...).
        #[arg(long, default_value = "resource.aws_example")]
        target: String,
        /// Where rule files live (`rules` for the built-in catalogue, or a `--rules` directory).
        #[arg(long, default_value = "rules")]
        rules_dir: PathBuf,
        /// Where fixtures live (`testdata/rules/ID/{bad,good}/basic/`).
        #[arg(long, default_value = "testdata/rules")]
        fixtures_dir: PathBuf,
    },
    /// Print a shell completion script (`tflint-rs completions bash > /etc/bash_completion.d/tflint-rs`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Internal: the floors the benchmark compares against.
    #[command(hide = true)]
    Debug {
        #[arg(value_enum)]
        what: DebugWhat,
        paths: Vec<PathBuf>,
        #[arg(long)]
        threads: Option<usize>,
    },
}

/// One report of a run: its format, and a file for it (else `--output` or standard output).
#[derive(Clone, Debug)]
struct OutputSpec {
    format: Format,
    file: Option<PathBuf>,
}

fn parse_output(s: &str) -> Result<OutputSpec, String> {
    let (name, file) = match s.split_once(':') {
        Some((n, f)) if !f.is_empty() => (n, Some(PathBuf::from(f))),
        _ => (s, None),
    };
    let format = Format::from_str(name, true).map_err(|_| {
        format!("unknown format `{name}` (text, json, sarif, github, gitlab, junit; add `:FILE` to write it to a file)")
    })?;
    Ok(OutputSpec { format, file })
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Does `rule` answer to `id` (its own id, or an equivalent's)?
fn rule_is(rule: &rules::Rule, id: &str) -> bool {
    rule.id.eq_ignore_ascii_case(id) || rule.equivalents.names(id)
}

/// `--only`, `--enable-rule`, `--disable-rule`: an id no rule answers to is an error.
fn select_rules(catalogue: &mut Vec<rules::Rule>, args: &CheckArgs) -> Result<(), String> {
    for id in args.only.iter().chain(&args.enable_rule).chain(&args.disable_rule) {
        if !catalogue.iter().any(|r| rule_is(r, id)) {
            return Err(format!("unknown rule id `{id}` (`tflint-rs rules` lists them)"));
        }
    }
    if !args.only.is_empty() {
        catalogue.retain(|r| args.only.iter().any(|id| rule_is(r, id)));
    }
    catalogue.retain(|r| !args.disable_rule.iter().any(|id| rule_is(r, id)));
    for r in catalogue.iter_mut() {
        if args.only.iter().chain(&args.enable_rule).any(|id| rule_is(r, id)) {
            r.profile = Profile::Default;
        }
    }
    Ok(())
}

#[derive(Clone, Copy, ValueEnum)]
enum DebugWhat {
    Read,
    Parse,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProfileArg {
    Default,
    Strict,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to check (directories are walked, honouring .gitignore).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Report format: text, json, sarif, github, gitlab or junit. Repeat it for several
    /// reports from one run, each `FORMAT[:FILE]` (`-f text -f sarif:results.sarif`).
    #[arg(long, short = 'f', value_name = "FORMAT[:FILE]", value_parser = parse_output, default_value = "text")]
    format: Vec<OutputSpec>,
    /// Colour in the graphical text report: `auto` (at a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), `always`, `never`.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorArg,
    /// Run only these rules (ids, or Checkov, tfsec/Trivy or KICS ids; repeatable, comma-separated), whatever the profile.
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    only: Vec<String>,
    /// Also run these rules (strict rules in the default profile).
    #[arg(long = "enable-rule", value_delimiter = ',', value_name = "ID")]
    enable_rule: Vec<String>,
    /// Do not run these rules.
    #[arg(long = "disable-rule", value_delimiter = ',', value_name = "ID")]
    disable_rule: Vec<String>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Skip paths matching GLOB (relative to the scanned directory; repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Load variable values from FILE, after terraform.tfvars and *.auto.tfvars (repeatable).
    #[arg(long = "var-file", value_name = "FILE")]
    var_files: Vec<PathBuf>,
    /// Load extra rule files from DIR (same format as the built-in ones; repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    rule_dirs: Vec<PathBuf>,
    /// `default` (what a reviewer would block a merge for) or `strict` (adds hardening practices).
    #[arg(long, value_enum)]
    profile: Option<ProfileArg>,
    /// Settings file (default: .tflint-rs.toml in the scanned directory or a parent).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Do not read a `.tflint-rs.toml` found in or above the scanned path: a
    /// CI gate on untrusted pull requests takes its settings from `--config`
    /// (a trusted path) or the defaults, not from the code it checks
    #[arg(long)]
    no_config: bool,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Report only findings at or above this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    min_severity: Option<SeverityArg>,
    /// Exit 1 only for findings at or above LEVEL (`never`: exit 0 unless the check fails) [default: low].
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// Report and fail only on findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in FILE (then use it with --baseline).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Disregard every ignore comment (for CI).
    #[arg(long)]
    no_inline_ignores: bool,
    /// Report our ignore comments that suppress nothing [default: true].
    #[arg(long, action = clap::ArgAction::Set, value_name = "BOOL")]
    report_unused_ignores: Option<bool>,
    /// Where the `.tf` source of a plan named on the command line is
    /// [default: the plan's directory]: findings are placed there.
    #[arg(long, value_name = "DIR")]
    plan_source: Option<PathBuf>,
    /// Base URL of the rule pages linked from each finding (text and SARIF):
    /// the page is BASE/RULE_ID.md, or BASE is a template with `{id}`
    /// [default: the docs/rules pages of the tflint-rs repository].
    #[arg(long, value_name = "BASE")]
    docs_url: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum SeverityArg {
    Low,
    Medium,
    High,
    Critical,
}

impl From<SeverityArg> for rules::Severity {
    fn from(s: SeverityArg) -> rules::Severity {
        match s {
            SeverityArg::Low => rules::Severity::Low,
            SeverityArg::Medium => rules::Severity::Medium,
            SeverityArg::High => rules::Severity::High,
            SeverityArg::Critical => rules::Severity::Critical,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Low,
    Medium,
    High,
    Critical,
    Never,
}

fn load_rules(dirs: &[PathBuf]) -> Result<Vec<rules::Rule>, ExitCode> {
    rules::load_catalogue(dirs).map_err(|errs| {
        for e in errs {
            eprintln!("{}:{}:{}: error: invalid rule file: {}", e.file, e.line, e.column, e.message);
        }
        ExitCode::from(2)
    })
}

/// The worker pool: `--threads` or all cores, with room on each stack for
/// deeply nested (but bounded) configurations.
fn set_threads(n: Option<usize>) {
    let mut b = rayon::ThreadPoolBuilder::new().stack_size(16 << 20);
    if let Some(n) = n {
        b = b.num_threads(n.max(1));
    }
    let _ = b.build_global();
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { format, profile, rule_dirs } => {
            let catalogue = match load_rules(&rule_dirs) {
                Ok(c) => c,
                Err(code) => return code,
            };
            let engine = Engine::new(catalogue, profile.into());
            let out = match format {
                Format::Json => format!("{}\n", serde_json::to_string_pretty(&engine.rules).expect("rules serialize")),
                // The catalogue has no SARIF, GitHub, GitLab or JUnit form: those list as text.
                _ => engine
                    .rules
                    .iter()
                    .map(|r| {
                        format!(
                            "{:<44} {:<9} {:<8} {}\n",
                            r.id,
                            r.severity.as_str(),
                            if r.profile == Profile::Strict { "strict" } else { "default" },
                            r.title
                        )
                    })
                    .collect(),
            };
            // A closed pipe (`| head`) is not an error worth reporting (`println!` would panic).
            let _ = std::io::stdout().lock().write_all(out.as_bytes());
            ExitCode::SUCCESS
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "tflint-rs", &mut script);
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = std::io::stdout().lock().write_all(&script);
            ExitCode::SUCCESS
        }
        Command::NewRule { id, target, rules_dir, fixtures_dir } => new_rule(&id, &target, &rules_dir, &fixtures_dir),
        Command::Init { force } => {
            let path = std::path::Path::new(tflint_rs::config::FILE_NAME);
            if path.exists() && !force {
                eprintln!("error: {} already exists (use --force to overwrite)", path.display());
                return ExitCode::from(2);
            }
            match std::fs::write(path, tflint_rs::config::STARTER) {
                Ok(()) => {
                    println!("wrote {}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    ExitCode::from(2)
                }
            }
        }
        Command::Explain { rule_id, rule_dirs } => {
            let catalogue = match load_rules(&rule_dirs) {
                Ok(c) => c,
                Err(code) => return code,
            };
            // A rule id, or another scanner's id (`CKV_AWS_17`, `AVD-AWS-0107`): every rule it names.
            let exact: Vec<&rules::Rule> = catalogue.iter().filter(|r| r.id.eq_ignore_ascii_case(&rule_id)).collect();
            let found = if exact.is_empty() {
                catalogue.iter().filter(|r| r.equivalents.names(&rule_id)).collect()
            } else {
                exact
            };
            if found.is_empty() {
                eprintln!("error: no rule `{rule_id}` (`tflint-rs rules` lists them)");
                return ExitCode::from(2);
            }
            let docs: Vec<String> = found.iter().map(|r| tflint_rs::docs::markdown(r)).collect();
            let _ = std::io::stdout().lock().write_all(docs.join("\n---\n\n").as_bytes());
            ExitCode::SUCCESS
        }
        Command::Debug { what, paths, threads } => {
            set_threads(threads);
            let (files, bytes) = pipeline::floor(&paths, matches!(what, DebugWhat::Parse));
            println!("{files} files, {bytes} bytes");
            ExitCode::SUCCESS
        }
    }
}

impl From<ProfileArg> for Profile {
    fn from(p: ProfileArg) -> Profile {
        match p {
            ProfileArg::Default => Profile::Default,
            ProfileArg::Strict => Profile::Strict,
        }
    }
}

fn check(args: CheckArgs) -> ExitCode {
    if !args.paths.is_empty() && args.paths.iter().all(|p| p.is_file()) {
        small_pages_only();
    }
    set_threads(args.threads);
    // Settings: command line, then .tflint-rs.toml, then defaults.
    let found = || if args.no_config { None } else { args.paths.first().and_then(|p| tflint_rs::config::find(p)) };
    let config_path = args.config.clone().or_else(found);
    let loaded = match config_path.as_deref().map(tflint_rs::config::load).transpose() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let cfg = loaded.as_ref().map(|l| &l.config);
    let cfg_dir = loaded.as_ref().map(|l| l.dir()).unwrap_or_default();
    let from_cfg = |paths: &[PathBuf]| paths.iter().map(|p| cfg_dir.join(p)).collect::<Vec<_>>();
    let mut rule_dirs = args.rule_dirs.clone();
    rule_dirs.extend(cfg.map(|c| from_cfg(&c.rules_dirs)).unwrap_or_default());
    let mut catalogue = match load_rules(&rule_dirs) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if let Some(l) = &loaded {
        if let Err(e) = l.apply_to(&mut catalogue) {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    }
    if let Err(e) = select_rules(&mut catalogue, &args) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    let docs_url = args
        .docs_url
        .clone()
        .or_else(|| cfg.and_then(|c| c.docs_url.clone()))
        .unwrap_or_else(|| tflint_rs::docs::DEFAULT_BASE_URL.to_string());
    if let Err(e) = tflint_rs::docs::check_base_url(&docs_url) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    let profile = args.profile.map(Profile::from).or(cfg.and_then(|c| c.profile)).unwrap_or_default();
    let engine = Engine::new(catalogue, profile);
    let mut excludes = args.exclude.clone();
    excludes.extend(cfg.map(|c| c.exclude.clone()).unwrap_or_default());
    let mut var_files = args.var_files.clone();
    var_files.extend(cfg.map(|c| from_cfg(&c.var_files)).unwrap_or_default());
    let opts = Options {
        paths: args.paths.clone(),
        excludes,
        var_files,
        no_inline_ignores: args.no_inline_ignores || cfg.and_then(|c| c.inline_ignores) == Some(false),
        report_unused_ignores: args.report_unused_ignores.or(cfg.and_then(|c| c.report_unused_ignores)).unwrap_or(true),
        trusted_files: args.var_files.clone(),
        write_baseline: args.write_baseline.clone(),
        baseline: args.baseline.clone(),
        min_severity: args.min_severity.map(rules::Severity::from).or(cfg.and_then(|c| c.min_severity)),
        config: loaded.clone(),
        plan_source: args.plan_source.clone(),
        before_heavy_directories: Some(return_freed_memory_at_once),
        exits_after: true,
    };
    let outcome = match pipeline::run(&opts, &engine) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(path) = &args.write_baseline {
        eprintln!("wrote {} findings to {}", outcome.baselined, path.display());
    }
    if outcome.files == 0 {
        eprintln!("warning: no files were checked (no Terraform, variable, task-definition, credential, key, .env or state file under the given paths)");
    }
    let r = Report {
        findings: &outcome.findings,
        secrets: &outcome.secrets,
        errors: &outcome.errors,
        files: outcome.files,
        rules: &engine.rules,
        suppressed: &outcome.suppressed,
        notices: &outcome.notices,
        docs_url: &docs_url,
    };
    let mut timer = pipeline::Timer::new();
    for spec in &args.format {
        let target = spec.file.as_ref().or(args.output.as_ref());
        let to_terminal = target.is_none() && std::io::stdout().is_terminal();
        let graphical = match (spec.format, args.color) {
            // The graphical report at a terminal, or wherever colour is asked for.
            (Format::Text, ColorArg::Always) => Some(true),
            (Format::Text, ColorArg::Never) if to_terminal => Some(false),
            (Format::Text, ColorArg::Auto) if to_terminal => {
                let set = |v: &str| std::env::var_os(v).is_some_and(|v| !v.is_empty() && v != "0");
                Some(set("FORCE_COLOR") || !set("NO_COLOR"))
            }
            _ => None,
        };
        let emit = |out: &mut dyn Write| -> std::io::Result<()> {
            match graphical {
                Some(color) => out.write_all(report::text::render_graphical(&r, color).as_bytes()),
                None => report::write(spec.format, &r, out),
            }?;
            out.flush()
        };
        let written = match target {
            Some(path) => std::fs::File::create(path)
                .and_then(|f| emit(&mut std::io::BufWriter::new(f)))
                .map_err(|e| format!("cannot write {}: {e}", path.display())),
            None => {
                // A closed pipe (`| head`) is not an error worth reporting.
                let _ = emit(&mut std::io::BufWriter::new(std::io::stdout().lock()));
                Ok(())
            }
        };
        if let Err(e) = written {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    timer.step("report");
    let fail_at = match args.fail_on {
        Some(FailOn::Never) => None,
        Some(FailOn::Low) => Some(rules::Severity::Low),
        Some(FailOn::Medium) => Some(rules::Severity::Medium),
        Some(FailOn::High) => Some(rules::Severity::High),
        Some(FailOn::Critical) => Some(rules::Severity::Critical),
        None => cfg.and_then(|c| c.fail_on).map_or(Some(rules::Severity::Low), |f| f.threshold()),
    };
    let code = if !outcome.errors.is_empty() {
        ExitCode::from(2)
    } else if args.write_baseline.is_some() {
        // Writing a baseline accepts today's findings: the run succeeded.
        ExitCode::SUCCESS
    } else if fail_at.is_some_and(|level| outcome.findings.iter().any(|f| f.severity >= level)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing the catalogue and the findings one by
    // one would be work for nothing (2% of a small pre-commit run).
    std::mem::forget(outcome);
    std::mem::forget(engine);
    code
}

/// `tflint-rs new-rule ID`: the rule file and fixture skeletons.
fn new_rule(id: &str, target: &str, rules_dir: &std::path::Path, fixtures_dir: &std::path::Path) -> ExitCode {
    let valid_id = !id.is_empty()
        && id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    let Some((kind, ty)) = target.split_once('.').filter(|(k, t)| !k.is_empty() && !t.is_empty()) else {
        eprintln!("error: --target is KIND.TYPE, e.g. resource.aws_s3_bucket");
        return ExitCode::from(2);
    };
    if !valid_id {
        eprintln!("error: a rule id is lowercase words and digits joined by `-` (e.g. aws-opensearch-public)");
        return ExitCode::from(2);
    }
    let rule_file = rules_dir.join(format!("{id}.toml"));
    let cases = fixtures_dir.join(id);
    if rule_file.exists() || cases.exists() {
        eprintln!("error: {} or {} already exists", rule_file.display(), cases.display());
        return ExitCode::from(2);
    }
    // A block of the target's kind with one setting, as the examples and fixtures write it.
    let block = |value: &str| match kind {
        "resource" | "data" => format!("{kind} \"{ty}\" \"this\" {{\n  example_setting = \"{value}\"\n}}\n"),
        _ => format!("[{{ \"name\": \"web\", \"image\": \"nginx:1.27\", \"example_setting\": \"{value}\" }}]\n"),
    };
    let file_name = if matches!(kind, "resource" | "data") { "main.tf" } else { "task.json" };
    let quotes = "'''";
    let rule = format!(
        r#"# Edit every field: this skeleton is a working declarative check on a made-up setting.
# The language: docs/rule-language.md.
id = "{id}"
title = "TODO: what is wrong, in a few words"
severity = "medium"
profile = "strict"   # `default` only once measured at 90% precision on real code
targets = ["{target}"]
description = """
TODO: why it matters: what an attacker or an accident can do because of it.
"""
remediation = "TODO: how to fix it, with the setting to write."
references = []

[check]
attribute = "example_setting"
expect = "secure"
when_absent = "quiet"
message = "`example_setting` is `{{value}}`: TODO"
quote_values = ["insecure"]

[examples]
bad = [{quotes}
{bad}{quotes}]
good = [{quotes}
{good}{quotes}]
"#,
        bad = block("insecure"),
        good = block("secure"),
    );
    let write = |path: &std::path::Path, text: &str| -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, text)
    };
    let bad = cases.join("bad/basic").join(file_name);
    let good = cases.join("good/basic").join(file_name);
    let comment = |what: &str| if file_name == "main.tf" { format!("# {what}\n") } else { String::new() };
    let written = write(&rule_file, &rule)
        .and_then(|_| write(&bad, &format!("{}{}", comment("Must fire."), block("insecure"))))
        .and_then(|_| write(&good, &format!("{}{}", comment("Must stay quiet."), block("secure"))));
    if let Err(e) = written {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    println!("wrote {}\nwrote {}\nwrote {}", rule_file.display(), bad.display(), good.display());
    println!(
        "next: edit them (add a case reached through a variable, and an Unknown one that stays quiet), then\n  \
         INSTA_UPDATE=always cargo test --test rules       # record the snapshot of what users see; review it\n  \
         TFLINT_RS_UPDATE_DOCS=1 cargo test --test rules   # regenerate docs/rules and the README table"
    );
    ExitCode::SUCCESS
}
