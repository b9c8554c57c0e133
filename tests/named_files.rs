//! Files named on the command line, as pre-commit names the changed ones:
//! a finding is reported when it is in one of them, or when its value is
//! written in one of them (a variable's default, a `.tfvars` value, a local,
//! a module input), though the resource it makes bad is in another file.

mod common;

use tflint_rs::pipeline::{self, Options};
use tflint_rs::rules::{engine::Engine, load_catalogue, Profile};

const DIR: &str = "testdata/e2e/written-elsewhere";

/// Findings for the named files of the fixture, as
/// `file:line resource <- written_at...` (paths relative to the fixture).
fn named(files: &[&str]) -> Vec<String> {
    named_in(DIR, files)
}

fn named_in(dir: &str, files: &[&str]) -> Vec<String> {
    named_with(Profile::Default, dir, files)
}

fn named_with(profile: Profile, dir: &str, files: &[&str]) -> Vec<String> {
    let engine = Engine::new(load_catalogue(&[]).unwrap(), profile);
    let paths = files.iter().map(|f| format!("{dir}/{f}").into()).collect();
    let out = pipeline::run(&Options { paths, ..Default::default() }, &engine).unwrap();
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let rel = |f: &str| f.strip_prefix(&format!("{dir}/")).unwrap_or(f).to_string();
    out.findings
        .iter()
        .map(|f| {
            let at: Vec<String> = f.written_at.iter().map(|w| format!("{}:{}", rel(&w.file), w.line)).collect();
            format!("{}:{} {} <- {}", rel(&f.file), f.line, f.resource, at.join(", "))
        })
        .collect()
}

#[test]
fn a_variable_default_changed_alone_reports_the_resource_it_makes_public() {
    assert_eq!(
        named(&["variables.tf"]),
        vec![
            "main.tf:18 aws_db_instance.default <- variables.tf:3",
            // Through functions that build a new value: `tobool(lower(var.public_text))`.
            "main.tf:46 aws_db_instance.converted <- variables.tf:23",
        ]
    );
}

#[test]
fn a_tfvars_value_changed_alone_reports_the_resources_it_makes_public() {
    assert_eq!(
        named(&["terraform.tfvars"]),
        vec![
            "main.tf:25 aws_db_instance.tfvars <- terraform.tfvars:1",
            // Through a comparison and a condition: `var.environment == "prod" ? false : true`.
            "main.tf:39 aws_db_instance.computed <- terraform.tfvars:2",
        ]
    );
    assert_eq!(named(&["dev.auto.tfvars"]), vec!["main.tf:32 aws_db_instance.auto_tfvars <- dev.auto.tfvars:1"]);
}

#[test]
fn a_local_changed_alone_reports_the_module_resource_it_reaches() {
    assert_eq!(named(&["locals.tf"]), vec!["modules/db/main.tf:9 module.cache.aws_db_instance.this <- locals.tf:2"]);
}

#[test]
fn a_module_input_changed_in_the_caller_reports_the_resource_inside_the_module() {
    assert_eq!(
        named(&["main.tf"]),
        vec![
            "main.tf:18 aws_db_instance.default <- variables.tf:3",
            "main.tf:25 aws_db_instance.tfvars <- terraform.tfvars:1",
            "main.tf:32 aws_db_instance.auto_tfvars <- dev.auto.tfvars:1",
            "main.tf:39 aws_db_instance.computed <- terraform.tfvars:2",
            "main.tf:46 aws_db_instance.converted <- variables.tf:23",
            // `public = true` is written in main.tf; `public = local.cache_public`
            // passes a value from locals.tf through the call in main.tf.
            "modules/db/main.tf:9 module.cache.aws_db_instance.this <- locals.tf:2, main.tf:6",
        ]
    );
}

#[test]
fn findings_whose_value_is_in_no_named_file_stay_out() {
    // The module evaluated alone: its input has no value, so nothing is
    // known; what it writes itself is reported.
    assert_eq!(named(&["modules/db/main.tf"]), vec!["modules/db/main.tf:19 aws_security_group.admin <- "]);
    // ...and not when only a caller's file is named, though the call is there.
    assert!(!named(&["main.tf"]).iter().any(|f| f.contains("aws_security_group")));
    // Two named files: the union of what each reports, each finding once.
    assert_eq!(
        named(&["variables.tf", "locals.tf"]),
        vec![
            "main.tf:18 aws_db_instance.default <- variables.tf:3",
            "main.tf:46 aws_db_instance.converted <- variables.tf:23",
            "modules/db/main.tf:9 module.cache.aws_db_instance.this <- locals.tf:2",
        ]
    );
}

#[test]
fn a_key_in_a_named_file_is_reported_and_one_in_another_file_of_its_module_is_not() {
    // Files are scanned for key formats only when named (the run would drop
    // another file's finding anyway): the named file keeps its own.
    let dir = common::temp_dir("named-key-formats");
    std::fs::write(
        dir.join("a.tf"),
        "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"x\"\n}\n# AKIA2E0A8F3B244C9986\n",
    )
    .unwrap();
    std::fs::write(dir.join("b.tf"), "locals {\n  k = \"AKIA2E0A8F3B244C9987\"\n}\n").unwrap();
    let keys = |paths: &[&str]| -> Vec<String> {
        let (findings, errors) = common::check(paths);
        assert!(errors.is_empty(), "{errors:?}");
        let mut keys: Vec<String> = findings
            .iter()
            .filter(|f| f.contains("secret-key-format"))
            .map(|f| f.split(' ').next().unwrap().rsplit('/').next().unwrap().to_string())
            .collect();
        keys.sort();
        keys
    };
    let (a, b, whole) = (dir.join("a.tf"), dir.join("b.tf"), dir.to_str().unwrap().to_string());
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    assert_eq!(keys(&[a]), ["a.tf:4:3"]);
    assert_eq!(keys(&[b]), ["b.tf:2:8"]);
    assert_eq!(keys(&[a, b]), ["a.tf:4:3", "b.tf:2:8"]);
    assert_eq!(keys(&[&whole]), ["a.tf:4:3", "b.tf:2:8"]);
}

const FOCUS: &str = "testdata/e2e/named-focus";

#[test]
fn a_named_value_reaches_other_files_through_a_chain_of_locals() {
    // base.tf -> local.middle -> local.public (derived.tf, in reverse order) -> db.tf.
    assert_eq!(named_in(FOCUS, &["base.tf"]), vec!["db.tf:4 aws_db_instance.reached <- base.tf:3"]);
    // The bucket in base.tf is versioned and blocked in versioning.tf: the
    // rules that relate the two see it, though versioning.tf is not named.
    // So is the bucket `data`, by a module called in calls.tf (which no value
    // of base.tf reaches). (Strict profile: those rules are in it.)
    let in_base = |f: &&String| f.starts_with("base.tf:");
    let whole: Vec<String> = named_with(Profile::Strict, FOCUS, &[""]).into_iter().filter(|f| in_base(&f)).collect();
    let alone: Vec<String> =
        named_with(Profile::Strict, FOCUS, &["base.tf"]).into_iter().filter(|f| in_base(&f)).collect();
    assert_eq!(alone, whole);
    let logs = whole.iter().filter(|f| f.contains("aws_s3_bucket.logs")).count();
    let data = whole.iter().filter(|f| f.contains("aws_s3_bucket.data")).count();
    // Encryption, logging and TLS; and the public access block for `data`:
    // not versioning.
    assert_eq!((logs, data), (3, 4), "{whole:?}");
    assert!(named_in(FOCUS, &["versioning.tf"]).is_empty());
    assert_eq!(
        named_in(FOCUS, &["db.tf"]),
        vec![
            "db.tf:1 aws_db_instance.reached <- ",
            "db.tf:4 aws_db_instance.reached <- base.tf:3",
            "db.tf:16 aws_db_instance.unrelated <- ",
            "db.tf:17 aws_db_instance.unrelated <- ",
        ]
    );
}

#[test]
fn blocks_of_other_files_are_parsed_only_where_a_named_value_may_reach_them() {
    // other.tf is read block by block: the resource that reads `local.public`
    // is evaluated, the one that does not (a heredoc in it holds a block's
    // header) and the output are left out, and broken.tf's resource, which
    // does not parse, is left out unparsed: no error, as no finding, is
    // reported about files not named.
    assert_eq!(
        named_in("testdata/e2e/named-pieces", &["named.tf"]),
        vec!["other.tf:6 aws_db_instance.reached <- named.tf:2"]
    );
}

/// Every finding of a whole-directory run, and whether a run naming `file`
/// alone keeps it (as `pipeline::run` decides: there, or written there, or
/// passed in through a call there from outside the module).
fn whole_run_kept_for(engine: &Engine, dir: &str, file: &str) -> Vec<String> {
    let out = pipeline::run(&Options { paths: vec![dir.into()], ..Default::default() }, engine).unwrap();
    let named = |f: &str| f == file;
    let parent = |f: &str| std::path::Path::new(f).parent().map(|p| p.to_path_buf());
    out.findings
        .iter()
        .filter(|f| {
            named(&f.file)
                || f.written_at.iter().any(|w| named(&w.file))
                || f.called_at.iter().any(|c| named(c))
                    && f.written_at.iter().any(|w| parent(&w.file) != parent(&f.file))
        })
        .map(problem)
        .collect()
}

/// A finding's problem and place. (Where several instances give the same
/// finding, a run on named files merges only those it keeps: the instances
/// and the places written may be fewer.)
fn problem(f: &tflint_rs::diagnostics::Finding) -> String {
    format!("{} {}:{}:{}-{}:{} {}", f.rule_id, f.file, f.line, f.column, f.end_line, f.end_column, f.message)
}

#[test]
fn a_run_on_one_file_reports_what_a_whole_run_reports_about_it() {
    // A run on named files evaluates only the blocks of the other files that
    // a named value reaches, or that a rule relating elements reads: what it
    // reports must be what the whole run reports about the file.
    let dirs = [
        "testdata/e2e/named-focus",
        "testdata/e2e/named-pieces",
        "testdata/e2e/written-elsewhere",
        "testdata/e2e/module-instances",
        "testdata/examples/flask-ecs",
    ];
    let mut compared = 0;
    for profile in [Profile::Default, Profile::Strict] {
        let engine = Engine::new(load_catalogue(&[]).unwrap(), profile);
        for dir in dirs {
            let mut files: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path().to_string_lossy().into_owned())
                .filter(|p| p.ends_with(".tf"))
                .collect();
            files.sort();
            for file in files {
                let out = pipeline::run(&Options { paths: vec![file.clone().into()], ..Default::default() }, &engine)
                    .unwrap();
                let alone: Vec<String> = out.findings.iter().map(problem).collect();
                assert_eq!(alone, whole_run_kept_for(&engine, dir, &file), "{file} ({profile:?})");
                compared += alone.len();
            }
        }
    }
    assert!(compared >= 20, "the fixtures give findings to compare ({compared})");
}
