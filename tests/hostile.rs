//! Hostile input: what a stranger's pull request can make the scanner read
//! and print. Nothing outside the scanned tree is read, and no output format
//! prints a secret, an excerpt of one, file content or a forged CI command.

use std::path::{Path, PathBuf};

use tflint_rs::pipeline::{self, Options, Outcome};
use tflint_rs::report::{self, Format, Report};
use tflint_rs::rules::{engine::Engine, load_catalogue, Profile, Severity};

/// A fresh directory for one test (removed first if a run left it).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tflint-rs-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn scan(paths: &[&Path], profile: Profile) -> (Engine, Outcome) {
    let engine = Engine::new(load_catalogue(&[]).unwrap(), profile);
    let opts = Options { paths: paths.iter().map(|p| p.to_path_buf()).collect(), ..Default::default() };
    let out = pipeline::run(&opts, &engine).unwrap();
    (engine, out)
}

/// Every output format, the graphical text included, as one string.
fn all_formats(engine: &Engine, out: &Outcome, findings: &[report::Finding]) -> String {
    let r = Report {
        findings,
        secrets: &out.secrets,
        errors: &out.errors,
        files: out.files,
        rules: &engine.rules,
        suppressed: &out.suppressed,
        notices: &out.notices,
        docs_url: tflint_rs::docs::DEFAULT_BASE_URL,
    };
    let mut all = report::text::render_graphical(&r, false);
    for format in [Format::Text, Format::Json, Format::Sarif, Format::Github, Format::Gitlab, Format::Junit] {
        all.push_str(&report::render(format, &r, false));
    }
    all
}

#[test]
fn file_functions_and_module_sources_do_not_leave_the_scanned_tree() {
    let base = scratch("outside");
    let tree = base.join("tree");
    write(&base, "outside/secret.txt", "OUTSIDE-SECRET-7f3a");
    write(&base, "outside/main.tf", "resource \"aws_db_instance\" \"x\" {\n  publicly_accessible = true\n}\n");
    write(&tree, "in/.git/config", "[http]\n\textraheader = AUTHORIZATION: basic GIT-TOKEN-9c1d\n");
    write(
        &tree,
        "in/main.tf",
        r#"
resource "aws_ecr_repository" "env" {
  name                 = "env"
  image_tag_mutability = file("/proc/self/environ")
}
resource "aws_ecr_repository" "up" {
  name                 = "up"
  image_tag_mutability = file("../../outside/secret.txt")
}
resource "aws_ecr_repository" "git" {
  name                 = "git"
  image_tag_mutability = file("${path.module}/.git/config")
}
resource "aws_ecr_repository" "tpl" {
  name                 = "tpl"
  image_tag_mutability = templatefile("../../outside/secret.txt", {})
}
module "escape" {
  source = "../../outside"
}
resource "aws_ecr_repository" "probe" {
  for_each             = fileset("../../outside", "*")
  name                 = each.value
  image_tag_mutability = fileexists("../../outside/missing.txt") ? "MUTABLE" : "IMMUTABLE"
}
resource "aws_ecr_repository" "b64" {
  name                 = "b64"
  image_tag_mutability = filebase64("/proc/self/environ")
}
"#,
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(base.join("outside/secret.txt"), tree.join("in/link.txt")).unwrap();
    #[cfg(unix)]
    write(
        &tree,
        "in/link.tf",
        "resource \"aws_ecr_repository\" \"link\" {\n  name = \"l\"\n  image_tag_mutability = file(\"${path.module}/link.txt\")\n}\n",
    );
    let in_dir = tree.join("in");
    let (engine, out) = scan(&[&in_dir], Profile::Default);
    let all = all_formats(&engine, &out, &out.findings);
    for leaked in ["OUTSIDE-SECRET", "GIT-TOKEN", "HOME=", "PATH="] {
        assert!(!all.contains(leaked), "`{leaked}` reached the output:\n{all}");
    }
    // The module outside the tree is not loaded: its public database is not ours to report.
    assert!(!out.findings.iter().any(|f| f.rule_id == "aws-rds-publicly-accessible"));
    // Each refused read is a located notice; the values are Unknown, so no ECR finding quotes them.
    let notes: Vec<String> = out.notices.iter().map(|n| format!("{}:{}", n.line, n.message)).collect();
    let has = |line: usize, text: &str| notes.iter().any(|n| n.starts_with(&format!("{line}:")) && n.contains(text));
    assert!(has(4, "outside the scanned tree"), "{notes:?}");
    assert!(has(8, "outside the scanned tree"), "{notes:?}");
    assert!(has(12, "inside a `.git` directory"), "{notes:?}");
    assert!(has(16, "outside the scanned tree"), "{notes:?}");
    assert!(has(18, "module `escape` (source `../../outside`) is not loaded"), "{notes:?}");
    // Listing or probing outside the tree is refused the same way, even for a path that is not there.
    assert!(has(22, "outside the scanned tree"), "{notes:?}");
    assert!(has(24, "outside the scanned tree"), "{notes:?}");
    assert!(has(28, "outside the scanned tree"), "{notes:?}");
    #[cfg(unix)]
    assert!(notes.iter().any(|n| n.starts_with("3:") && n.contains("link.txt")), "{notes:?}");
    let mutable: Vec<_> = out.findings.iter().filter(|f| f.rule_id == "aws-ecr-mutable-tags").collect();
    assert!(mutable.is_empty(), "{mutable:?}");
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn messages_quote_only_values_from_a_known_vocabulary() {
    let dir = scratch("vocabulary");
    // Files inside the tree may hold secrets too (CI writes credentials into the workspace).
    write(&dir, "token.txt", "ghp_notarealtoken1234567890abcdefABCDEF");
    write(&dir, "word.txt", "hunter2");
    write(
        &dir,
        "main.tf",
        r#"
resource "aws_ecr_repository" "a" {
  name                 = "a"
  image_tag_mutability = file("${path.module}/token.txt")
}
resource "aws_ecr_repository" "b" {
  name                 = "b"
  image_tag_mutability = file("${path.module}/word.txt")
}
resource "aws_ecr_repository" "c" {
  name                 = "c"
  image_tag_mutability = "MUTABLE"
}
resource "aws_ecs_task_definition" "t" {
  family = "t"
  container_definitions = jsonencode([{
    name  = "web"
    image = "nginx:latest"
    user  = "root:${file("${path.module}/word.txt")}"
    environment = [{ name = file("${path.module}/word.txt"), value = "x" }]
  }])
}
resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "*", Resource = file("${path.module}/word.txt") },
      { Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::*" },
    ]
  })
}
"#,
    );
    let (engine, out) = scan(&[&dir], Profile::Strict);
    let messages: Vec<&str> = out.findings.iter().map(|f| f.message.as_str()).collect();
    let all = all_formats(&engine, &out, &out.findings);
    assert!(!all.contains("ghp_notarealtoken"), "{all}");
    assert!(!all.contains("hunter2"), "{all}");
    // A value the rule lists is still shown, and so is a value of a known shape.
    assert!(messages.iter().any(|m| m.contains("`image_tag_mutability` is `MUTABLE`")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("`image_tag_mutability` is `(value not shown)`")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("image `nginx:latest`")), "{messages:?}");
    // A resource that reads as an ARN is quoted; file content where a resource belongs is not.
    assert!(messages.iter().any(|m| m.contains("on `arn:aws:s3:::*`")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("on the resources it names")), "{messages:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn excerpts_mask_every_known_secret_and_private_key_bodies_without_revealing_length() {
    let dir = scratch("excerpts");
    // An EC key: the line after the header is the key.
    write(
        &dir,
        "main.tf",
        r#"resource "aws_instance" "web" {
  ami           = "ami-0a3d5b6c7e8f90123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    cat > /root/key.pem <<KEY
    -----BEGIN EC PRIVATE KEY-----
    MHcCAQEEIBKEYBODYLINEONEsecretsecretsecretsecretoAoGCCqGSM49
    AwEHoUQDQgAEKEYBODYLINETWOsecretsecretsecretsecretsecret==
    -----END EC PRIVATE KEY-----
    KEY
  EOT
}

resource "aws_db_instance" "db" {
  engine              = "postgres"
  password            = "Zq8-unique-pw-4471!"
  publicly_accessible = true
}
"#,
    );
    write(
        &dir,
        "id_ed25519",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQEDKEYBODY\n-----END OPENSSH PRIVATE KEY-----\n",
    );
    let (engine, out) = scan(&[&dir], Profile::Strict);
    // Show only the public-database finding: the password's own finding is
    // filtered out (as by `--min-severity critical`), but it is still masked
    // in the excerpt of the finding on the next line.
    let shown: Vec<report::Finding> = out
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Critical || f.file.ends_with("id_ed25519"))
        .cloned()
        .collect();
    assert!(shown.iter().any(|f| f.rule_id == "aws-rds-publicly-accessible"));
    let all = all_formats(&engine, &out, &shown);
    for leaked in ["KEYBODYLINEONE", "KEYBODYLINETWO", "Zq8-unique", "Zq****", "DKEYBODY"] {
        assert!(!all.contains(leaked), "`{leaked}` reached the output:\n{all}");
    }
    // Every mask is the same four stars, whatever the secret's length.
    assert!(all.contains("\"****\""), "{all}");
    // Also for findings shown inside a key body (the graphical excerpt of the instance).
    let every = all_formats(&engine, &out, &out.findings);
    for leaked in ["KEYBODYLINEONE", "KEYBODYLINETWO", "Zq8-unique", "DKEYBODY"] {
        assert!(!every.contains(leaked), "`{leaked}` reached the output:\n{every}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn control_characters_cannot_forge_ci_commands_or_reach_the_terminal() {
    let dir = scratch("injection");
    let forged = "x\n::error file=forged.tf,line=1::forged\u{1b}[2J\u{0}\u{202e}";
    write(
        &dir,
        "main.tf",
        &format!(
            "resource \"aws_s3_bucket_acl\" \"a\" {{\n  bucket = \"b\"\n  acl    = \"public-read\"\n}}\n\
             resource \"aws_ecs_task_definition\" \"t\" {{\n  family = \"t\"\n  container_definitions = jsonencode([{{\n    name = \"web\"\n    image = \"nginx:latest\"\n    environment = [{{ name = {}, value = \"AKIAIOSFODNN7REALKEY\" }}]\n  }}])\n}}\n",
            serde_json::to_string(forged).unwrap()
        ),
    );
    // A file name with a newline and an escape sequence.
    write(
        &dir,
        "evil\n::error file=x::name\u{1b}[31m.tf",
        "resource \"aws_db_instance\" \"d\" {\n  publicly_accessible = true\n}\n",
    );
    let (engine, out) = scan(&[&dir], Profile::Default);
    assert!(out.findings.len() >= 2, "{:?}", out.findings);
    let all = all_formats(&engine, &out, &out.findings);
    for line in all.lines() {
        assert!(
            !line.starts_with("::error file=forged") && !line.starts_with("::error file=x::"),
            "forged command: {line}"
        );
    }
    assert!(!all.contains('\u{1b}'), "ESC reached the output");
    assert!(!all.contains('\u{0}'), "NUL reached the output");
    assert!(!all.contains('\u{202e}'), "a bidi override reached the output");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn findings_inside_escaped_strings_point_at_the_exact_source_column() {
    let dir = scratch("columns");
    // JSON inside an HCL string with multi-byte characters and `\"` escapes
    // before the value, in a quoted string, a template and an indented heredoc.
    let quoted = r#"[{\"name\":\"é\\\"é\",\"image\":\"nginx:1\",\"logConfiguration\":{\"logDriver\":\"awslogs\"},\"environment\":[{\"name\":\"DB_PASSWORD\",\"value\":\"Zq8quoted\"}]}]"#;
    let templated = r#"[{\"name\":\"${var.n}é\\\"\u00e9\",\"image\":\"nginx:1\",\"logConfiguration\":{\"logDriver\":\"awslogs\"},\"environment\":[{\"name\":\"DB_PASSWORD\",\"value\":\"Zq8templated\"}]}]"#;
    let text = format!(
        "variable \"n\" {{\n  default = \"x\"\n}}\n\
         resource \"aws_ecs_task_definition\" \"q\" {{\n  family                = \"q\"\n  container_definitions = \"{quoted}\"\n}}\n\
         resource \"aws_ecs_task_definition\" \"t\" {{\n  family                = \"t\"\n  container_definitions = \"{templated}\"\n}}\n\
         resource \"aws_ecs_task_definition\" \"h\" {{\n  family                = \"h\"\n  container_definitions = <<-EOT\n    [{{\"name\": \"éé\\\"é\", \"image\": \"nginx:1\", \"logConfiguration\": {{\"logDriver\": \"awslogs\"}},\n      \"environment\": [{{\"name\": \"DB_PASSWORD\", \"value\": \"Zq8heredoc\"}}]}}]\n  EOT\n}}\n"
    );
    write(&dir, "main.tf", &text);
    let (engine, out) = scan(&[&dir], Profile::Default);
    let secrets: Vec<&report::Finding> =
        out.findings.iter().filter(|f| f.rule_id == "aws-ecs-container-env-secret").collect();
    assert_eq!(secrets.len(), 3, "{:?}", out.findings);
    for (f, needle) in secrets.iter().zip(["Zq8quoted", "Zq8templated", "Zq8heredoc"]) {
        let line = text.lines().nth(f.line - 1).unwrap();
        // The span starts at the value's opening quote (escaped or not) and ends after its closing one.
        let at = line.find(needle).unwrap();
        let open = line[..at].rfind('"').unwrap();
        let open = if line[..open].ends_with('\\') { open - 1 } else { open };
        let col = line[..open].chars().count() + 1;
        assert_eq!((f.column, f.resource.as_str()), (col, f.resource.as_str()), "{line}");
        let close = at + needle.len();
        let end = line[..close].chars().count() + if line[close..].starts_with("\\\"") { 3 } else { 2 };
        assert_eq!(f.end_column, end, "{line}");
    }
    // The graphical report maps them into its excerpts without a panic, masked.
    let all = all_formats(&engine, &out, &out.findings);
    assert!(!all.contains("Zq8"), "{all}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
#[cfg(unix)]
fn files_the_evaluator_reads_obey_the_size_limit_and_must_be_regular_files() {
    let dir = scratch("sizes");
    // A 64 GiB sparse file and a FIFO with no writer, inside the tree.
    let big = std::fs::File::create(dir.join("big.txt")).unwrap();
    big.set_len(64 << 30).unwrap();
    let status = std::process::Command::new("mkfifo").arg(dir.join("fifo.txt")).status().unwrap();
    assert!(status.success());
    write(&dir, "mod/main.tf", "variable \"x\" {}\n");
    std::os::unix::fs::symlink(dir.join("big.txt"), dir.join("mod/huge.tf")).unwrap();
    write(
        &dir,
        "main.tf",
        r#"
resource "aws_ecr_repository" "big" {
  name                 = "big"
  image_tag_mutability = file("${path.module}/big.txt")
}
resource "aws_ecr_repository" "fifo" {
  name                 = "fifo"
  image_tag_mutability = file("${path.module}/fifo.txt")
}
module "m" {
  source = "./mod"
  x      = templatefile("${path.module}/fifo.txt", {})
}
"#,
    );
    let (_, out) = scan(&[&dir], Profile::Default);
    // Unknown values: no finding about them, and the run ends.
    assert!(!out.findings.iter().any(|f| f.rule_id == "aws-ecr-mutable-tags"), "{:?}", out.findings);
    // The module's oversized file is an error that names it; the rest of the module is still read.
    assert!(
        out.errors.iter().any(|e| e.file.ends_with("huge.tf") && e.message.contains("larger than")),
        "{:?}",
        out.errors
    );
    let _ = std::fs::remove_dir_all(&dir);
}

const PUBLIC_DB: &str = "resource \"aws_db_instance\" \"db\" {\n  publicly_accessible = true\n}\n";

fn rds_files(out: &Outcome) -> Vec<String> {
    let mut files: Vec<String> = out
        .findings
        .iter()
        .filter(|f| f.rule_id == "aws-rds-publicly-accessible")
        .map(|f| Path::new(&f.file).file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn what_terraform_loads_is_checked_and_what_it_does_not_is_not() {
    let dir = scratch("loads");
    // A byte order mark, as editors on Windows write it.
    write(&dir, "bom/main.tf", &format!("\u{feff}{PUBLIC_DB}"));
    // A `.ignore` file is not git's: it hides nothing.
    write(&dir, "ignored/.ignore", "main.tf\n");
    write(&dir, "ignored/main.tf", PUBLIC_DB);
    // Terraform loads only lowercase `.tf`.
    write(&dir, "upper/MAIN.TF", PUBLIC_DB);
    // Two modules that only call each other are still checked.
    write(&dir, "cycle/a/main.tf", &format!("module \"b\" {{\n  source = \"../b\"\n}}\n{PUBLIC_DB}"));
    write(
        &dir,
        "cycle/b/main.tf",
        &format!("module \"a\" {{\n  source = \"../a\"\n}}\n{}", PUBLIC_DB.replace("\"db\"", "\"db_b\"")),
    );
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        // A file name that is not UTF-8.
        let name = std::ffi::OsStr::from_bytes(b"bad\xffname.tf");
        std::fs::create_dir_all(dir.join("latin1")).unwrap();
        std::fs::write(dir.join("latin1").join(name), PUBLIC_DB).unwrap();
        // A `.tf` symlink inside the tree is followed; one that leaves the tree is not.
        write(&dir, "shared/db.tf.txt", PUBLIC_DB);
        std::fs::create_dir_all(dir.join("linked")).unwrap();
        std::os::unix::fs::symlink(dir.join("shared/db.tf.txt"), dir.join("linked/db.tf")).unwrap();
        let outside = scratch("loads-outside");
        write(&outside, "x.tf", PUBLIC_DB);
        std::os::unix::fs::symlink(outside.join("x.tf"), dir.join("linked/escape.tf")).unwrap();
    }
    // A task definition that is not valid UTF-8 is said, not skipped.
    std::fs::write(
        dir.join("task.json"),
        b"{\"family\":\"x\",\"containerDefinitions\":[{\"name\":\"a\xff\",\"image\":\"x:latest\"}]}",
    )
    .unwrap();
    let (_, out) = scan(&[&dir], Profile::Default);
    let files = rds_files(&out);
    assert!(files.contains(&"main.tf".to_string()));
    let dirs: Vec<String> = out
        .findings
        .iter()
        .filter(|f| f.rule_id == "aws-rds-publicly-accessible")
        .map(|f| Path::new(&f.file).parent().unwrap().file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for d in ["bom", "ignored", "a", "b"] {
        assert!(dirs.contains(&d.to_string()), "nothing reported in {d}: {dirs:?}");
    }
    assert!(!dirs.contains(&"upper".to_string()), "MAIN.TF is not Terraform: {dirs:?}");
    #[cfg(unix)]
    {
        assert!(dirs.contains(&"latin1".to_string()), "{dirs:?}");
        assert!(files.contains(&"db.tf".to_string()), "{files:?}");
        assert!(!files.contains(&"escape.tf".to_string()), "{files:?}");
        assert!(out
            .notices
            .iter()
            .any(|n| n.file.ends_with("escape.tf") && n.message.contains("symlink not followed")));
    }
    assert!(
        out.errors.iter().any(|e| e.file.ends_with("task.json") && e.message.contains("UTF-8")),
        "{:?}",
        out.errors
    );
    assert!(!out.errors.iter().any(|e| e.file.contains("bom")), "{:?}", out.errors);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(scratch("loads-outside"));
}

#[test]
fn variables_files_accept_only_literal_values() {
    let dir = scratch("tfvars");
    write(
        &dir,
        "variables.tf",
        "variable \"public\" {\n  default = false\n}\nvariable \"tags\" {\n  default = {}\n}\n",
    );
    write(
        &dir,
        "main.tf",
        "resource \"aws_db_instance\" \"db\" {\n  publicly_accessible = var.public\n  tags = var.tags\n}\n",
    );
    write(
        &dir,
        "terraform.tfvars",
        "public = tobool(\"true\")\ntags = { for k in [\"a\"] : k => upper(k) }\nok = [for x in [1, 2] : x * 2]\n",
    );
    let (_, out) = scan(&[&dir], Profile::Default);
    let errors: Vec<String> = out.errors.iter().map(|e| format!("{}:{}:{}", e.line, e.column, e.message)).collect();
    assert!(errors.iter().any(|e| e.starts_with("1:10:a function call in a variables file")), "{errors:?}");
    assert!(errors.iter().any(|e| e.starts_with("2:32:a function call")), "{errors:?}");
    assert_eq!(errors.len(), 2, "a `for` over literals is a literal value: {errors:?}");
    assert!(rds_files(&out).is_empty(), "the call is not evaluated: {:?}", out.findings);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_config_ignores_settings_inside_the_scanned_tree() {
    let dir = scratch("noconfig");
    write(&dir, "main.tf", PUBLIC_DB);
    write(&dir, ".tflint-rs.toml", "[rules]\ndisable = [\"aws-rds-publicly-accessible\"]\n");
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tflint-rs"))
            .args(["check", dir.to_str().unwrap(), "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(!run(&[]).contains("aws-rds-publicly-accessible\""));
    assert!(run(&["--no-config"]).contains("\"rule_id\": \"aws-rds-publicly-accessible\""));
    let _ = std::fs::remove_dir_all(&dir);
}
