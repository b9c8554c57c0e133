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

const EXIT_HELP: &str = "Exit status: 0 no findings, 1 findings, 2 the check could not be completed \
(bad usage, an unreadable path, a file that does not parse, a bad rule file).";

#[derive(Parser)]
#[command(name = "tflint-rs", version, about = "A fast policy and security linter for Terraform and AWS ECS task definitions", after_help = EXIT_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

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
    /// Print a rule's documentation.
    Explain {
        rule_id: String,
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
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
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
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
    /// `default`: what a reviewer would block a merge for; `strict` adds hardening practices.
    #[arg(long, value_enum, default_value = "default")]
    profile: ProfileArg,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Report only findings at or above this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    min_severity: Option<SeverityArg>,
    /// Exit 1 only for findings at or above LEVEL (`never`: always exit 0 unless the check fails).
    #[arg(long, value_enum, value_name = "LEVEL", default_value = "low")]
    fail_on: FailOn,
    /// Report and fail only on findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in FILE (then use it with --baseline).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Disregard every ignore comment (for CI).
    #[arg(long)]
    no_inline_ignores: bool,
    /// Report ignore comments that suppress nothing.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    report_unused_ignores: bool,
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

fn set_threads(n: Option<usize>) {
    if let Some(n) = n {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
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
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&engine.rules).expect("rules serialize")),
                // The catalogue has no SARIF, GitHub or JUnit form: those list as text.
                _ => {
                    for r in &engine.rules {
                        println!("{:<44} {:<9} {:<8} {}", r.id, r.severity.as_str(), if r.profile == Profile::Strict { "strict" } else { "default" }, r.title);
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Command::Explain { rule_id, rule_dirs } => {
            let catalogue = match load_rules(&rule_dirs) {
                Ok(c) => c,
                Err(code) => return code,
            };
            match catalogue.iter().find(|r| r.id.eq_ignore_ascii_case(&rule_id)) {
                Some(r) => {
                    print!("{}", tflint_rs::docs::markdown(r));
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!("error: no rule `{rule_id}` (`tflint-rs rules` lists them)");
                    ExitCode::from(2)
                }
            }
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
    set_threads(args.threads);
    let catalogue = match load_rules(&args.rule_dirs) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let engine = Engine::new(catalogue, args.profile.into());
    let opts = Options {
        paths: args.paths,
        excludes: args.exclude,
        var_files: args.var_files,
        no_inline_ignores: args.no_inline_ignores,
        report_unused_ignores: args.report_unused_ignores,
    };
    let mut outcome = match pipeline::run(&opts, &engine) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(path) = &args.write_baseline {
        if let Err(e) = tflint_rs::baseline::write(path, &outcome.findings) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    if let Some(path) = &args.baseline {
        match tflint_rs::baseline::read(path) {
            Ok(b) => {
                tflint_rs::baseline::apply(&b, &mut outcome.findings);
                let (known, new): (Vec<_>, Vec<_>) = std::mem::take(&mut outcome.findings).into_iter().partition(|f| f.suppression.is_some());
                outcome.findings = new;
                outcome.suppressed.extend(known);
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(min) = args.min_severity {
        let min: rules::Severity = min.into();
        outcome.findings.retain(|f| f.severity >= min);
    }
    let r = Report {
        findings: &outcome.findings,
        errors: &outcome.errors,
        files: outcome.files,
        rules: &engine.rules,
        suppressed: &outcome.suppressed,
        notices: &outcome.notices,
    };
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let text = report::render(args.format, &r, to_terminal);
    let written = match &args.output {
        Some(path) => std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(text.as_bytes());
            Ok(())
        }
    };
    if let Err(e) = written {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    let fail_at = match args.fail_on {
        FailOn::Never => None,
        FailOn::Low => Some(rules::Severity::Low),
        FailOn::Medium => Some(rules::Severity::Medium),
        FailOn::High => Some(rules::Severity::High),
        FailOn::Critical => Some(rules::Severity::Critical),
    };
    if !outcome.errors.is_empty() {
        ExitCode::from(2)
    } else if fail_at.is_some_and(|level| outcome.findings.iter().any(|f| f.severity >= level)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
