//! Inputs written to exhaust a scanner: values that double at every line,
//! products of `for` expressions, modules calling modules ten times a level,
//! huge minified files. Each run must end (exit status 0, 1 or 2), and what
//! was cut short is a located error that says which budget ran out. The
//! inputs are generated here, small enough to run in a second or two in a
//! debug build; what they would have cost is recorded in benches/README.md.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh directory holding `files` (path, text).
fn project(name: &str, files: &[(&str, String)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tflint-rs-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// Runs a check with the JSON report: (exit status, report).
fn check(dir: &Path) -> (i32, serde_json::Value) {
    check_with(dir, &[])
}

/// [`check`] with more arguments.
fn check_with(dir: &Path, more: &[&str]) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_tflint-rs"))
        .args(["check", dir.to_str().unwrap(), "--format", "json"])
        .args(more)
        .output()
        .expect("binary runs");
    let code = out.status.code().expect("the run ends with a status, not a signal");
    assert!((0..=2).contains(&code), "status {code}: {}", String::from_utf8_lossy(&out.stderr));
    (code, serde_json::from_slice(&out.stdout).expect("a JSON report"))
}

/// The errors that say a budget ran out, as (file name, line, column, message).
fn budget_errors(report: &serde_json::Value) -> Vec<(String, usize, usize, String)> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["message"].as_str().unwrap().contains("budget"))
        .map(|e| {
            let file = Path::new(e["file"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned();
            (
                file,
                e["line"].as_u64().unwrap() as usize,
                e["column"].as_u64().unwrap() as usize,
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `locals { NAME0 = FIRST ... NAME40 = STEP(local.NAME39) }`: line `i + 2` defines `NAMEi`.
fn chain(first: &str, step: impl Fn(&str) -> String) -> String {
    let mut s = format!("locals {{\n  a0 = {first}\n");
    for i in 1..=40 {
        s.push_str(&format!("  a{i} = {}\n", step(&format!("local.a{}", i - 1))));
    }
    s + "}\n"
}

fn resource(expr: &str) -> String {
    format!("resource \"aws_instance\" \"x\" {{\n  ami       = \"ami-1\"\n  user_data = {expr}\n}}\n")
}

/// One budget error, located inside the chain of locals (lines 2 to 42 of main.tf).
fn assert_stopped_in_chain(name: &str, first: &str, step: impl Fn(&str) -> String, use_expr: &str) {
    let main = chain(first, step) + &resource(use_expr);
    let dir = project(name, &[("main.tf", main.clone())]);
    let (_, report) = check(&dir);
    let errors = budget_errors(&report);
    assert_eq!(errors.len(), 1, "{name}: {report:#}");
    let (file, line, column, message) = &errors[0];
    assert_eq!(file, "main.tf", "{name}");
    assert!((2..=42).contains(line), "{name}: line {line}");
    let text = main.lines().nth(line - 1).unwrap();
    assert!(*column > 6 && *column <= text.len(), "{name}: column {column} of {text:?}");
    assert!(message.contains("larger than"), "{name}: {message}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn values_that_double_at_every_local_are_cut_short_where_they_grow_too_large() {
    assert_stopped_in_chain("strings", "\"x\"", |p| format!("\"${{{p}}}${{{p}}}\""), "local.a40");
    assert_stopped_in_chain("format", "\"x\"", |p| format!("format(\"%s%s\", {p}, {p})"), "local.a40");
    assert_stopped_in_chain("join", "\"x\"", |p| format!("join(\"\", [{p}, {p}])"), "local.a40");
    assert_stopped_in_chain("concat", "[\"x\"]", |p| format!("concat({p}, {p})"), "join(\",\", local.a40)");
    // Shared lists: cheap to build, but flattening or encoding them is not.
    assert_stopped_in_chain("flatten", "[\"x\"]", |p| format!("[{p}, {p}]"), "length(flatten(local.a40))");
    assert_stopped_in_chain(
        "jsonencode",
        "{ k = \"x\" }",
        |p| format!("{{ l = {p}, r = {p} }}"),
        "\"x-${jsonencode(local.a40)}\"",
    );
    assert_stopped_in_chain(
        "walkers",
        "{ password = \"hunter2hunter2\" }",
        |p| format!("{{ l = {p}, r = {p} }}"),
        "jsonencode([local.a40])",
    );
}

#[test]
fn replace_with_an_empty_pattern_in_a_tiny_tfvars_file_is_refused_and_in_code_cut_short() {
    let s = "a".repeat(40);
    let nested = format!("{}\"{s}\"{}", "replace(".repeat(6), format!(", \"\", \"{s}\")").repeat(6));
    let tfvars = format!("x = {nested}\n");
    assert!(tfvars.len() < 421);
    // In a variables file a function call is refused outright, as Terraform does.
    let dir = project(
        "replace",
        &[("main.tf", "variable \"x\" {}\n".to_string() + &resource("var.x")), ("terraform.tfvars", tfvars)],
    );
    let (_, report) = check(&dir);
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{report:#}");
    assert!(errors[0]["message"].as_str().unwrap().contains("a function call in a variables file"), "{report:#}");
    assert_eq!((errors[0]["line"].as_u64(), errors[0]["column"].as_u64()), (Some(1), Some(5)));
    std::fs::remove_dir_all(dir).unwrap();
    // In code it is evaluated, and cut short where it grows too large.
    let dir =
        project("replace-code", &[("main.tf", format!("locals {{\n  x = {nested}\n}}\n") + &resource("local.x"))]);
    let (_, report) = check(&dir);
    let errors = budget_errors(&report);
    assert_eq!(errors.len(), 1, "{report:#}");
    let (file, line, column, _) = &errors[0];
    assert_eq!((file.as_str(), *line), ("main.tf", 2));
    assert!(*column > 6, "{column}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn nested_for_products_are_cut_short() {
    let items: Vec<String> = (0..100).map(|i| i.to_string()).collect();
    let main = format!(
        "locals {{\n  l = [{}]\n  p = [for a in local.l : [for b in local.l : [for c in local.l : [for d in local.l : [for e in local.l : \"${{a}}${{b}}${{c}}${{d}}${{e}}\"]]]]]\n}}\n{}",
        items.join(", "),
        resource("jsonencode(local.p)")
    );
    let dir = project("for", &[("main.tf", main)]);
    let (_, report) = check(&dir);
    let errors = budget_errors(&report);
    assert!(!errors.is_empty(), "{report:#}");
    assert!(errors.iter().all(|(file, line, column, _)| file == "main.tf" && *line == 3 && *column > 6), "{errors:?}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn steps_run_out_on_a_product_that_builds_nothing() {
    // Every value is empty: no value grows, only the work does.
    let items: Vec<String> = (0..100).map(|i| i.to_string()).collect();
    let main = format!(
        "locals {{\n  l = [{}]\n  p = [for a in local.l : [for b in local.l : [for c in local.l : [for d in local.l : [for e in local.l : e if false]]]]]\n}}\n{}",
        items.join(", "),
        resource("jsonencode(local.p)")
    );
    let dir = project("steps", &[("main.tf", main)]);
    let (_, report) = check(&dir);
    let errors = budget_errors(&report);
    assert_eq!(errors.len(), 1, "{report:#}");
    assert_eq!((errors[0].0.as_str(), errors[0].1), ("main.tf", 3));
    assert!(errors[0].3.contains("steps"), "{}", errors[0].3);
    std::fs::remove_dir_all(dir).unwrap();
}

/// `locals` (its body) beside a security group open to the internet on
/// port 22 exactly when `condition` holds: a check of it finds the public
/// SSH rule only if every value the condition reads was computed, and no
/// budget ran out on the way.
fn assert_computed(name: &str, locals: &str, condition: &str) {
    let main = format!(
        "locals {{\n{locals}\n}}\n\
         resource \"aws_security_group\" \"s\" {{\n  ingress {{\n    from_port   = 22\n    to_port     = 22\n    \
         protocol    = \"tcp\"\n    cidr_blocks = [{condition} ? \"0.0.0.0/0\" : \"10.0.0.0/8\"]\n  }}\n}}\n"
    );
    let dir = project(name, &[("main.tf", main)]);
    let (code, report) = check(&dir);
    assert_eq!(code, 1, "{name}: {report:#}");
    assert!(budget_errors(&report).is_empty(), "{name}: {report:#}");
    assert_eq!(places(&report, "aws-sg-public-ingress-ssh").len(), 1, "{name}: {report:#}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// Large collections that real code loops over are followed to the end:
/// a `for` over 20,000 entries (no cap on the number of elements), and the
/// lookups a loop makes into the collection it walks (`local.m[k]`,
/// `lookup`, `index(keys(...))`, `contains(values(...))`), which used to
/// scan it once per element (400 million comparisons here, or the steps
/// budget spent on them). Each expression guards a public SSH rule: the
/// finding is there only if the value was computed.
#[test]
fn loops_over_twenty_thousand_entries_and_their_lookups_are_followed_to_the_end() {
    let entries: Vec<String> = (0..20_000).map(|i| format!("    k{i:05} = \"v{i}\"")).collect();
    let checks = [
        ("index", "{ for k, v in local.m : k => local.m[k] }", "local.x[\"k19999\"] == \"v19999\""),
        ("lookup", "{ for k, v in local.m : k => lookup(local.m, k, \"\") }", "local.x[\"k00007\"] == \"v7\""),
        ("keys", "[for k in keys(local.m) : index(keys(local.m), k)]", "local.x[19999] == 19999"),
        ("values", "[for k, v in local.m : contains(values(local.m), v)]", "alltrue(local.x)"),
    ];
    for (name, expr, condition) in checks {
        let locals = format!("  m = {{\n{}\n  }}\n  x = {expr}", entries.join("\n"));
        assert_computed(&format!("large-{name}"), &locals, condition);
    }
}

/// `toset`, `distinct` and the set functions over 50,000 strings or
/// numbers: each element was compared with every other (11 s, then the
/// steps budget ran out and the values were Unknown); now they are hashed.
#[test]
fn set_functions_over_fifty_thousand_elements_are_followed_to_the_end() {
    let locals = "  a = flatten([for i in range(1000) : [for j in range(50) : \"${i}-${j}\"]])
  n = flatten([for i in range(1000) : [for j in range(50) : i * 50 + j]])
  s = setsubtract(local.a, slice(local.a, 0, 49990))
  t = toset(local.n)
  d = distinct(concat(local.n, local.n))
  i = setintersection(local.n, local.n, local.n)";
    let condition =
        "length(local.s) == 10 && length(local.t) == 50000 && length(local.d) == 50000 && length(local.i) == 50000";
    assert_computed("large-sets", locals, condition);
}

/// Blocks multiplied 5,000 times (`for_each`, `count`, a `dynamic` block)
/// are checked instance by instance: 4,096 was the limit, past which the
/// block was one Unknown instance and its findings were lost without a word.
#[test]
fn five_thousand_instances_of_a_block_are_each_checked() {
    let main = "locals {
  idx   = flatten([for i in range(50) : [for j in range(100) : i * 100 + j]])
  ports = { for i in local.idx : \"p${i}\" => i == 4500 ? 22 : 10000 + i }
  open  = [for i in local.idx : i == 4321 ? \"0.0.0.0/0\" : \"10.0.0.0/8\"]
}
resource \"aws_security_group_rule\" \"each\" {
  for_each          = local.ports
  type              = \"ingress\"
  from_port         = each.value
  to_port           = each.value
  protocol          = \"tcp\"
  cidr_blocks       = [each.value == 22 ? \"0.0.0.0/0\" : \"10.0.0.0/8\"]
  security_group_id = \"sg-1\"
}
resource \"aws_security_group_rule\" \"counted\" {
  count             = 5000
  type              = \"ingress\"
  from_port         = 3389
  to_port           = 3389
  protocol          = \"tcp\"
  cidr_blocks       = [local.open[count.index]]
  security_group_id = \"sg-1\"
}
resource \"aws_security_group\" \"dyn\" {
  dynamic \"ingress\" {
    for_each = local.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = \"tcp\"
      cidr_blocks = [ingress.value == 22 ? \"0.0.0.0/0\" : \"10.0.0.0/8\"]
    }
  }
}
";
    let dir = project("many-instances", &[("main.tf", main.to_string())]);
    let (code, report) = check(&dir);
    assert_eq!(code, 1, "{report:#}");
    assert!(budget_errors(&report).is_empty(), "{report:#}");
    let mut found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule_id"].as_str().unwrap().to_string(), f["resource"].as_str().unwrap().to_string()))
        .collect();
    found.sort();
    let want = [
        ("aws-sg-public-ingress-rdp", "aws_security_group_rule.counted[4321]"),
        ("aws-sg-public-ingress-ssh", "aws_security_group.dyn"),
        ("aws-sg-public-ingress-ssh", "aws_security_group_rule.each[\"p4500\"]"),
    ];
    assert_eq!(found, want.map(|(r, a)| (r.to_string(), a.to_string())), "{report:#}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn module_fan_out_ten_calls_a_level_nine_levels_deep_is_cut_short() {
    let mut files = Vec::new();
    let mut path = String::new();
    for level in 0..9 {
        let mut text = "variable \"x\" {\n  default = \"v\"\n}\n".to_string();
        if level < 8 {
            for j in 0..10 {
                text.push_str(&format!("module \"m{j}\" {{\n  source = \"./l{}\"\n  x      = var.x\n}}\n", level + 1));
            }
            let outs: Vec<String> = (0..10).map(|j| format!("module.m{j}.o")).collect();
            text.push_str(&format!("output \"o\" {{\n  value = [{}]\n}}\n", outs.join(", ")));
        } else {
            text.push_str("output \"o\" {\n  value = var.x\n}\n");
        }
        files.push((format!("{path}main.tf"), text + &resource("var.x")));
        path.push_str(&format!("l{}/", level + 1));
    }
    let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let dir = project("fanout", &files);
    let (_, report) = check(&dir);
    let errors = budget_errors(&report);
    assert_eq!(errors.len(), 1, "{report:#}");
    let (file, line, column, message) = &errors[0];
    assert_eq!(file, "main.tf");
    // At a module block (they start at line 4, every 4 lines).
    assert!(*line >= 4 && (line - 4) % 4 == 0 && *column == 1, "{line}:{column}");
    assert!(message.contains("module evaluations"), "{message}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// A chain of `depth` modules, each in its own directory (`m0` calls `../m1`
/// ...), the last of which writes a public database from the value passed down.
fn module_chain(name: &str, depth: usize) -> PathBuf {
    let files: Vec<(String, String)> = (0..depth)
        .map(|i| {
            let next = if i + 1 < depth {
                format!("module \"n\" {{\n  source = \"../m{}\"\n  v      = var.v\n}}\n", i + 1)
            } else {
                "resource \"aws_db_instance\" \"x\" {\n  publicly_accessible = var.v\n}\n".to_string()
            };
            (format!("m{i}/main.tf"), format!("variable \"v\" {{\n  default = true\n}}\n{next}"))
        })
        .collect();
    let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    project(name, &files)
}

#[test]
fn modules_nested_thirty_two_deep_are_followed_and_deeper_is_a_located_error() {
    // (Each level a module of its own: the last is evaluated only through the chain.)
    let dir = module_chain("chain-32", 32);
    let (_, report) = check(&dir);
    assert_eq!(places(&report, "aws-rds-publicly-accessible").len(), 1, "{report:#}");
    assert!(budget_errors(&report).is_empty(), "{report:#}");
    std::fs::remove_dir_all(dir).unwrap();

    let dir = module_chain("chain-40", 40);
    let (_, report) = check(&dir);
    let errors = budget_errors(&report);
    assert_eq!(errors.len(), 1, "{report:#}");
    let (file, line, column, message) = &errors[0];
    // The module block of the 32nd module, the call that is not followed.
    assert_eq!((file.as_str(), *line, *column), ("main.tf", 4, 1));
    assert!(report["errors"][0]["file"].as_str().unwrap().ends_with("m31/main.tf"), "{report:#}");
    assert!(message.contains("modules nested more than 32 deep"), "{message}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn module_instances_multiplied_by_count_at_two_levels_are_cut_short() {
    // 60 resources, in a module called 30 times by a module the root calls 30
    // times: 54,000 block instances from 20 lines. Each instance holds its
    // findings until they are merged, so without a bound a 65 KB module
    // called 40 x 40 times took 3.1 GB.
    let group = "resource \"aws_security_group\" \"s\" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n";
    let leaf = (0..60)
        .map(|i| format!("resource \"aws_s3_bucket\" \"b{i}\" {{\n  bucket = \"b{i}\"\n}}\n"))
        .collect::<String>();
    let call = |source: &str| format!("module \"m\" {{\n  source = \"{source}\"\n  count  = 30\n}}\n");
    let dir =
        project("multiplied", &[("main.tf", call("./n") + group), ("n/main.tf", call("../m")), ("m/main.tf", leaf)]);
    let (_, report) = check(&dir);
    let errors = budget_errors(&report);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let (file, line, column, message) = &errors[0];
    assert_eq!(file, "main.tf", "where an instance of `n` calls `m`");
    assert!(message.contains("block instances"), "{message}");
    assert!((*line, *column) >= (1, 1));
    // What the root module writes itself is still checked.
    let open =
        report["findings"].as_array().unwrap().iter().filter(|f| f["rule_id"] == "aws-sg-public-ingress-ssh").count();
    assert_eq!(open, 1, "{report:#}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn tasks_side_by_side_share_the_instances_budget_and_one_that_needs_more_runs_alone() {
    // Two root modules of 20,141 instances each: over a quarter of the budget
    // (what each of four tasks side by side may hold), within the whole. Each
    // is run again alone and checked completely, as with one thread.
    let group = "resource \"aws_security_group\" \"s\" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n";
    let leaf = (0..59)
        .map(|i| format!("resource \"aws_s3_bucket\" \"b{i}\" {{\n  bucket = \"b{i}\"\n}}\n"))
        .collect::<String>()
        + group;
    let call = |source: &str, count: u32| format!("module \"m\" {{\n  source = \"{source}\"\n  count  = {count}\n}}\n");
    let dir = project(
        "shared-budget",
        &[
            ("a/main.tf", call("../n", 11)),
            ("b/main.tf", call("../n", 11)),
            ("n/main.tf", call("../m", 30)),
            ("m/main.tf", leaf),
        ],
    );
    for threads in ["1", "4"] {
        let (_, report) = check_with(&dir, &["--threads", threads]);
        assert!(budget_errors(&report).is_empty(), "{threads} threads: {report:#}");
        let open: Vec<usize> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule_id"] == "aws-sg-public-ingress-ssh")
            .map(|f| f["instances"].as_array().unwrap().len())
            .collect();
        // One finding at the group, naming 11 x 30 instances (the two root
        // modules' have the same addresses).
        assert_eq!(open, vec![330], "{threads} threads");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn issensitive_of_a_local_that_doubles_forty_times_is_answered_at_once() {
    // The marks of each local are worked out once: read as a tree, the chain
    // has 2^40 leaves. Its value is never built (only its marks are asked).
    let main = "variable \"secret\" {\n  sensitive = true\n}\n".to_string()
        + &chain("var.secret", |p| format!("\"${{{p}}}${{{p}}}\""))
        + "resource \"aws_db_instance\" \"d\" {\n  publicly_accessible = issensitive(local.a40)\n  storage_encrypted   = true\n}\n";
    let dir = project("marks", &[("main.tf", main)]);
    let (_, report) = check(&dir);
    assert!(budget_errors(&report).is_empty(), "{report:#}");
    let public =
        report["findings"].as_array().unwrap().iter().filter(|f| f["rule_id"] == "aws-rds-publicly-accessible");
    assert_eq!(public.count(), 1, "{report:#}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn module_outputs_that_share_their_parts_are_copied_once() {
    let child = chain("{ k = aws_s3_bucket.b.id }", |p| format!("{{ l = {p}, r = {p} }}"))
        + "output \"o\" {\n  value = local.a16\n}\noutput \"big\" {\n  value = local.a40\n}\n";
    let dir = project(
        "outputs",
        &[
            (
                "main.tf",
                "module \"c\" {\n  source = \"./child\"\n}\n".to_string() + &resource("jsonencode(module.c.o)"),
            ),
            ("child/main.tf", child),
        ],
    );
    let (_, report) = check(&dir);
    let errors = budget_errors(&report);
    // Only the value too large to build is refused: the other output (two to
    // the sixteenth leaves, shared) crosses into its caller as it is.
    assert_eq!(errors.len(), 1, "{report:#}");
    assert_eq!(errors[0].0, "main.tf");
    assert!(dir.join("child/main.tf").exists());
    std::fs::remove_dir_all(dir).unwrap();
}

/// (line, column) of every finding of `rule`, in report order.
fn places(report: &serde_json::Value, rule: &str) -> Vec<(u64, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == rule)
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect()
}

/// Finding k is on line `line_no`, at a column (counted in characters) of
/// `line` between the start of container k (`start(k)`) and that of the next.
fn assert_each_in_its_container(places: &[(u64, u64)], line: &str, line_no: u64, start: impl Fn(usize) -> String) {
    let mut starts: Vec<u64> = Vec::new();
    let mut from = 0;
    for i in 0..places.len() {
        let at = from + line[from..].find(&start(i)).unwrap();
        starts.push(line[..at].chars().count() as u64 + 1);
        from = at + 1;
    }
    for (k, (l, column)) in places.iter().enumerate() {
        assert_eq!(*l, line_no);
        assert!(*column >= starts[k] && starts.get(k + 1).is_none_or(|next| column < next), "finding {k}: {column}");
    }
}

#[test]
fn a_minified_one_line_task_definition_gets_exact_columns_for_every_finding() {
    // Multi-byte characters before each finding: columns count characters.
    let container = |i: usize| {
        format!(
            r#"{{"name":"app{i}","description":"é€😀{i}","image":"nginx:1.25","essential":true,"privileged":true}}"#
        )
    };
    let defs: Vec<String> = (0..3000).map(container).collect();
    let json = format!(r#"{{"family":"f","containerDefinitions":[{}]}}"#, defs.join(","));
    assert!(json.len() > 250_000 && !json.contains('\n'));
    let dir = project("minified", &[("task.json", json.clone())]);
    let (_, report) = check(&dir);
    let privileged = places(&report, "aws-ecs-container-privileged");
    assert_eq!(privileged.len(), 3000, "{report:#}");
    // Each points into its own container, at a column counted in characters.
    assert_each_in_its_container(&privileged, &json, 1, |i| format!(r#"{{"name":"app{i}""#));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_json_document_in_one_quoted_string_gets_exact_columns_for_every_finding() {
    // The same containers written as an escaped JSON string in a `.tf` file:
    // each value's place is found from the string's escapes (mapping every
    // value rescanned the string from its start: a 187 KB policy took 21 s).
    let container = |i: usize| {
        format!(
            r#"{{"name":"app{i}","description":"é€😀{i}","image":"nginx:1.25","essential":true,"privileged":true}}"#
        )
    };
    let defs: Vec<String> = (0..3000).map(container).collect();
    let escaped = format!("[{}]", defs.join(",")).replace('\\', "\\\\").replace('"', "\\\"");
    let tf = format!("resource \"aws_ecs_task_definition\" \"t\" {{\n  family = \"t\"\n  container_definitions = \"{escaped}\"\n}}\n");
    assert!(tf.len() > 250_000);
    let dir = project("quoted", &[("main.tf", tf.clone())]);
    let (_, report) = check(&dir);
    let privileged = places(&report, "aws-ecs-container-privileged");
    assert_eq!(privileged.len(), 3000, "{report:#}");
    let line = tf.lines().nth(2).unwrap();
    assert_each_in_its_container(&privileged, line, 3, |i| format!(r#"{{\"name\":\"app{i}\""#));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_json_document_on_one_line_of_a_heredoc_gets_exact_columns_for_every_finding() {
    // The same containers on one indented line of a `<<-EOT` heredoc, with
    // `$${` (written for a literal `${`) before each finding: each value's
    // place is found from the line's decoding steps, computed once (each
    // value decoded the line from its start: 1,000 containers took 11 s).
    let container = |i: usize| {
        format!(
            r#"{{"name":"app{i}","description":"é€😀$${{x}}{i}","image":"nginx:1.25","essential":true,"privileged":true}}"#
        )
    };
    let defs: Vec<String> = (0..3000).map(container).collect();
    let line = format!("    [{}]", defs.join(","));
    let tf = format!(
        "resource \"aws_ecs_task_definition\" \"t\" {{\n  family = \"t\"\n  container_definitions = <<-EOT\n{line}\n  EOT\n}}\n"
    );
    assert!(tf.len() > 250_000);
    let dir = project("heredoc-line", &[("main.tf", tf.clone())]);
    let (_, report) = check(&dir);
    let privileged = places(&report, "aws-ecs-container-privileged");
    assert_eq!(privileged.len(), 3000, "{report:#}");
    // Each points at its own container's `"privileged"` value, in characters.
    let mut from = 0;
    for (i, (l, column)) in privileged.iter().enumerate() {
        let at = from + line[from..].find(&format!(r#"{{"name":"app{i}""#)).unwrap();
        let value = at + line[at..].find(r#""privileged":"#).unwrap() + r#""privileged":"#.len();
        assert_eq!((*l, *column), (4, line[..value].chars().count() as u64 + 1), "finding {i}");
        from = value;
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_graphical_report_of_a_minified_task_definition_shows_every_finding_masked() {
    // Thousands of findings on one line: each excerpt is cut from the line
    // around its finding before it is scanned and masked (the whole line was
    // copied, scanned for secrets and masked once per finding: 1,500
    // containers took 20 s in a release build).
    let container = |i: usize| {
        format!(
            r#"{{"name":"app{i}","description":"é€😀{i}","image":"nginx:1.25","essential":true,"privileged":true,"environment":[{{"name":"DB_PASSWORD","value":"Zq8vLr2pW{i}xTq"}}]}}"#
        )
    };
    let defs: Vec<String> = (0..3000).map(container).collect();
    let json = format!(r#"{{"family":"f","containerDefinitions":[{}]}}"#, defs.join(","));
    let dir = project("graphical", &[("task.json", json.clone())]);
    let out = Command::new(env!("CARGO_BIN_EXE_tflint-rs"))
        .args(["check", dir.to_str().unwrap(), "--color", "always"])
        .output()
        .expect("binary runs");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    // Without colour codes (`ESC [ ... m`).
    let mut text = String::new();
    let mut in_code = false;
    for c in String::from_utf8(out.stdout).unwrap().chars() {
        match c {
            '\u{1b}' => in_code = true,
            'm' if in_code => in_code = false,
            c if !in_code => text.push(c),
            _ => {}
        }
    }
    assert!(!text.contains("Zq8vLr2pW"), "a secret is shown");
    // Every container's privileged finding, at its exact column.
    let headers: std::collections::HashSet<&str> =
        text.split("╭─[").skip(1).filter_map(|h| h.split_once(']')).filter_map(|(h, _)| h.rsplit('/').next()).collect();
    let mut from = 0;
    for i in 0..3000 {
        let at = from + json[from..].find(&format!(r#"{{"name":"app{i}""#)).unwrap();
        let value = at + json[at..].find(r#""privileged":"#).unwrap() + r#""privileged":"#.len();
        let header = format!("task.json:1:{}", json[..value].chars().count() + 1);
        assert!(headers.contains(header.as_str()), "container {i}: no {header}");
        from = value;
    }
    // One masked excerpt a secret.
    assert!(text.matches(r#""value":****}"#).count() >= 3000);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn thousands_of_ignore_comments_in_one_file_each_cover_their_own_block() {
    // 20,000 log groups, each with a tfsec ignore above it and a checkov skip
    // inside it; every tenth has neither and keeps both findings. Each
    // directive's findings are found by index (each directive went through
    // every finding and every block of the file: 8,000 took 1.4 s in a
    // release build, and the cost grew with the square of their number).
    let mut tf = String::new();
    let (mut bare, mut line) = (Vec::new(), 1);
    for i in 0..20_000 {
        // A bare block is 3 lines, a covered one 6.
        if i % 10 == 0 {
            bare.push(line);
            line += 3;
            tf.push_str(&format!("resource \"aws_cloudwatch_log_group\" \"g{i}\" {{\n  name = \"g{i}\"\n}}\n"));
        } else {
            tf.push_str(&format!(
                "#tfsec:ignore:aws-cloudwatch-log-group-customer-key\n# comment\nresource \"aws_cloudwatch_log_group\" \"g{i}\" {{\n  #checkov:skip=CKV_AWS_66:kept by the archive job\n  name = \"g{i}\"\n}}\n"
            ));
            line += 6;
        }
    }
    let dir = project("ignores", &[("main.tf", tf)]);
    let out = Command::new(env!("CARGO_BIN_EXE_tflint-rs"))
        .args(["check", dir.to_str().unwrap(), "--profile", "strict", "--format", "json"])
        .output()
        .expect("binary runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    assert_eq!(report["summary"]["suppressed"], 36_000, "{}", report["summary"]);
    let mut shown: Vec<(u64, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["rule_id"].as_str().unwrap().to_string()))
        .collect();
    shown.sort();
    let expected: Vec<(u64, String)> = bare
        .iter()
        .flat_map(|&l| {
            ["aws-cloudwatch-log-group-no-cmk", "aws-cloudwatch-log-retention-unset"].map(|r| (l, r.to_string()))
        })
        .collect();
    assert_eq!(shown, expected);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_plan_of_thousands_of_resources_finds_each_one_s_configuration_by_index() {
    // 20,000 log groups in a plan, each with its `configuration` entry: each
    // is found by index (each searched the module's list from the start:
    // 8,000 took 0.9 s in a release build, growing with the square).
    let n = 20_000;
    let resource = |i: usize| {
        serde_json::json!({"address": format!("aws_cloudwatch_log_group.g{i}"), "mode": "managed",
            "type": "aws_cloudwatch_log_group", "name": format!("g{i}"),
            "values": {"name": format!("g{i}"), "retention_in_days": if i.is_multiple_of(2) { 0 } else { 30 }}})
    };
    let config = |i: usize| {
        serde_json::json!({"address": format!("aws_cloudwatch_log_group.g{i}"), "mode": "managed",
            "type": "aws_cloudwatch_log_group", "name": format!("g{i}"),
            "expressions": {"name": {"constant_value": format!("g{i}")}}})
    };
    let plan = serde_json::json!({
        "format_version": "1.2",
        "planned_values": {"root_module": {"resources": (0..n).map(resource).collect::<Vec<_>>()}},
        "configuration": {"root_module": {"resources": (0..n).map(config).collect::<Vec<_>>()}},
    });
    let dir = project("plan", &[("plan.json", plan.to_string())]);
    let out = Command::new(env!("CARGO_BIN_EXE_tflint-rs"))
        .args(["check", dir.join("plan.json").to_str().unwrap(), "--profile", "strict", "--format", "json"])
        .output()
        .expect("binary runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let mut unset: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "aws-cloudwatch-log-retention-unset")
        .map(|f| f["resource"].as_str().unwrap())
        .collect();
    unset.sort();
    let mut expected: Vec<String> = (0..n).step_by(2).map(|i| format!("aws_cloudwatch_log_group.g{i}")).collect();
    expected.sort();
    assert!(unset == expected, "{} findings, {} expected", unset.len(), expected.len());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn user_data_with_thousands_of_secrets_has_each_one_on_its_own_line() {
    // 24,000 secrets in one heredoc: each is mapped back to its line with a
    // line map built once (it was rebuilt for each secret: 8,000 took 0.5 s
    // in a release build and 32,000 took 6.9 s).
    let mut lines = String::new();
    for i in 0..12_000 {
        lines.push_str(&format!(
            "export DB_PASSWORD=Zq8vLr2pW{i}xTqM3\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCY{i:010}\n"
        ));
    }
    let tf = format!(
        "resource \"aws_instance\" \"i\" {{\n  ami = \"ami-1\"\n  user_data = <<EOF\n#!/bin/sh\n{lines}EOF\n}}\n"
    );
    let dir = project("user-data", &[("main.tf", tf)]);
    let (_, report) = check(&dir);
    let mut at: Vec<u64> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "aws-ec2-user-data-secret")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    at.sort_unstable();
    // The heredoc's first secret is on line 5.
    assert!(at == (5..5 + 24_000).collect::<Vec<u64>>(), "{} findings, lines {:?}..", at.len(), at.first());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn twenty_five_thousand_files_in_one_directory_each_get_their_finding() {
    // Over 1 MiB of small files in one directory: they are parsed a batch at
    // a time from the front of a queue (each batch copied the rest of the
    // list: 20,000 files took 4.1 s in a release build, 40,000 took 18 s).
    let n = 25_000;
    let files: Vec<(String, String)> = (0..n)
        .map(|i| {
            (format!("f{i}.tf"), format!("resource \"aws_cloudwatch_log_group\" \"g{i}\" {{\n  name = \"g{i}\"\n}}\n"))
        })
        .collect();
    let borrowed: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let dir = project("many-files", &borrowed);
    let out = Command::new(env!("CARGO_BIN_EXE_tflint-rs"))
        .args(["check", dir.to_str().unwrap(), "--profile", "strict", "--format", "json"])
        .output()
        .expect("binary runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let mut found: Vec<(String, u64, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "aws-cloudwatch-log-retention-unset")
        .map(|f| {
            let file = Path::new(f["file"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned();
            (file, f["line"].as_u64().unwrap(), f["resource"].as_str().unwrap().to_string())
        })
        .collect();
    found.sort();
    let mut expected: Vec<(String, u64, String)> =
        (0..n).map(|i| (format!("f{i}.tf"), 1, format!("aws_cloudwatch_log_group.g{i}"))).collect();
    expected.sort();
    assert!(found == expected, "{} findings of {n}", found.len());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_template_rendered_once_per_key_of_its_own_rendering_is_rendered_once() {
    // `{ for k in keys(jsondecode(templatefile(f, v))) : k => jsondecode(templatefile(f, v))[k] }`
    // (a real firewall-rules pattern) rendered and decoded the file once per key.
    let rules: Vec<String> = (0..3000).map(|i| format!(r#""r{i}": {{"port": 22, "cidr": "${{cidr}}"}}"#)).collect();
    let json = format!("{{{}}}", rules.join(",\n"));
    let tf = r#"
locals {
  vars  = { cidr = "0.0.0.0/0" }
  rules = { for k in keys(jsondecode(templatefile("${path.module}/rules.json", local.vars))) : k => jsondecode(templatefile("${path.module}/rules.json", local.vars))[k] }
}
resource "aws_security_group_rule" "r" {
  for_each          = local.rules
  type              = "ingress"
  from_port         = each.value.port
  to_port           = each.value.port
  protocol          = "tcp"
  cidr_blocks       = [each.value.cidr]
  security_group_id = "sg-1"
}
"#;
    let dir = project("template-per-key", &[("main.tf", tf.to_string()), ("rules.json", json)]);
    let (_, report) = check(&dir);
    let ssh = report["findings"].as_array().unwrap().iter().filter(|f| f["rule_id"] == "aws-sg-public-ingress-ssh");
    let instances: usize = ssh.map(|f| f["instances"].as_array().map_or(1, |i| i.len())).sum();
    assert_eq!(instances, 3000, "{report:#}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn object_keys_repeated_hundreds_of_times_parse_and_keep_the_last_value() {
    let mut main = "locals {\n  m = {\n".to_string();
    for i in 0..300 {
        main.push_str(&format!("    ab = \"{i}\"\n    k{i} = 1\n"));
    }
    main.push_str("    ab = \"0.0.0.0/0\"\n  }\n}\n");
    main.push_str("resource \"aws_security_group_rule\" \"r\" {\n  type        = \"ingress\"\n  from_port   = 22\n  to_port     = 22\n  protocol    = \"tcp\"\n  cidr_blocks = [local.m.ab]\n}\n");
    let dir = project("repeats", &[("main.tf", main)]);
    let (code, report) = check(&dir);
    assert!(report["errors"].as_array().unwrap().is_empty(), "{report:#}");
    assert_eq!(code, 1, "{report:#}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_file_larger_than_a_piece_is_checked_as_a_whole_file() {
    // Over 4 MiB of blocks: parsed in pieces, each finding on its own line.
    let block = |i: usize| {
        format!(
            "resource \"aws_security_group\" \"sg{i}\" {{\n  description = \"{{ not a brace # nor a comment\"\n  ingress {{\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }}\n  tags = {{\n    Doc = <<-EOT\n      }}\n      EOT\n  }}\n}}\n"
        )
    };
    let n = 4_300_000 / block(0).len() + 1;
    let main: String = (0..n).map(block).collect();
    assert!(main.len() > 4 << 20);
    let lines = block(0).lines().count();
    let dir = project("pieces", &[("main.tf", main)]);
    let (_, report) = check(&dir);
    assert!(report["errors"].as_array().unwrap().is_empty(), "{report:#}");
    let ssh: Vec<u64> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "aws-sg-public-ingress-ssh")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(ssh.len(), n);
    for (i, line) in ssh.iter().enumerate() {
        assert_eq!(*line as usize, i * lines + 7, "block {i}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_template_that_renders_itself_is_cut_short_not_a_stack_overflow() {
    let dir = project(
        "template",
        &[
            ("main.tf", resource("templatefile(\"${path.module}/t.tpl\", {})")),
            ("t.tpl", "a${templatefile(\"t.tpl\", {})}\n".to_string()),
        ],
    );
    let (_, report) = check(&dir);
    let errors = budget_errors(&report);
    assert_eq!(errors.len(), 1, "{report:#}");
    assert_eq!((errors[0].0.as_str(), errors[0].1, errors[0].2), ("t.tpl", 1, 4));
    assert!(errors[0].3.contains("templatefile"), "{}", errors[0].3);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn dynamic_blocks_nested_in_each_other_are_cut_short() {
    fn nest(depth: usize) -> String {
        if depth == 0 {
            return "x = 1\n".to_string();
        }
        format!("dynamic \"b{depth}\" {{\n for_each = local.l\n content {{\n {} }}\n}}\n", nest(depth - 1))
    }
    let items: Vec<String> = (0..32).map(|i| i.to_string()).collect();
    let main = format!(
        "locals {{\n  l = [{}]\n}}\nresource \"aws_security_group\" \"x\" {{\n{}}}\n",
        items.join(", "),
        nest(6)
    );
    let dir = project("dynamic", &[("main.tf", main)]);
    let (_, report) = check(&dir);
    let errors = budget_errors(&report);
    assert_eq!(errors.len(), 1, "{report:#}");
    assert_eq!(errors[0].0, "main.tf");
    assert!(errors[0].3.contains("larger than"), "{}", errors[0].3);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn dynamic_blocks_nested_in_each_other_in_json_syntax_are_cut_short() {
    fn nest(depth: usize) -> String {
        if depth == 0 {
            return "{\"x\": 1}".to_string();
        }
        format!(
            "{{\"dynamic\": {{\"b{depth}\": {{\"for_each\": \"${{local.l}}\", \"content\": {}}}}}}}",
            nest(depth - 1)
        )
    }
    let items: Vec<String> = (0..32).map(|i| i.to_string()).collect();
    let main = format!(
        "{{\"locals\": {{\"l\": [{}]}}, \"resource\": {{\"aws_security_group\": {{\"x\": {}}}}}}}\n",
        items.join(", "),
        nest(6)
    );
    let dir = project("dynamic-json", &[("main.tf.json", main)]);
    let (_, report) = check(&dir);
    let errors = budget_errors(&report);
    assert_eq!(errors.len(), 1, "{report:#}");
    assert_eq!(errors[0].0, "main.tf.json");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn private_key_operations_are_counted() {
    // Each `rsadecrypt` reads a key and decrypts (about 10 ms for 4,096 bits):
    // a `for` over a list must not multiply that without bound. The budget is
    // spent before the key is read, so a key that does not parse counts too.
    let main = r#"
locals {
  all = [for i in range(40) : rsadecrypt("aGVsbG8=", "not a key")]
}
resource "aws_security_group_rule" "r" {
  type        = "ingress"
  from_port   = 22
  to_port     = 22
  protocol    = "tcp"
  cidr_blocks = [length(local.all) > 0 ? "10.0.0.0/8" : "0.0.0.0/0"]
}
"#;
    let dir = project("rsadecrypt", &[("main.tf", main.to_string())]);
    let (_, report) = check(&dir);
    let errors = budget_errors(&report);
    assert_eq!(errors.len(), 1, "{report:#}");
    assert_eq!((errors[0].1, errors[0].2), (3, 31), "{errors:?}");
    assert!(errors[0].3.contains("more than 32 `rsadecrypt` calls"), "{errors:?}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// `module "m" { count = N ... }` over a child whose evaluation takes about
/// two million steps (a `for` inside a `for`, 1,000 items each, which builds
/// nothing large): main.tf and the child's main.tf. The child's database is
/// public unless `var.private` is true; the root's database is public when the
/// outputs of every instance are known.
fn costly_module_instances(count: usize, inputs: &str) -> Vec<(&'static str, String)> {
    let main = format!(
        "module \"m\" {{\n  source = \"./child\"\n  count  = {count}\n{inputs}}}\n\
         resource \"aws_db_instance\" \"root\" {{\n  publicly_accessible = length(module.m[*].cells) == {count}\n}}\n"
    );
    let child = "variable \"private\" {\n  default = false\n}\n\
                 locals {\n  cells = length([for i in range(1000) : length([for j in range(1000) : j])])\n}\n\
                 resource \"aws_db_instance\" \"db\" {\n  publicly_accessible = local.cells > 0 && !var.private\n}\n\
                 output \"cells\" {\n  value = local.cells\n}\n"
        .to_string();
    vec![("main.tf", main), ("child/main.tf", child)]
}

/// The public database of each of `n` instances of the module, and the root's.
fn every_instance_and_root(n: usize) -> Vec<String> {
    let mut all: Vec<String> = (0..n).map(|i| format!("module.m[{i}].aws_db_instance.db")).collect();
    all.push("aws_db_instance.root".to_string());
    all.sort();
    all
}

/// The instances named by the findings of `rule`, sorted.
fn instances_of(report: &serde_json::Value, rule: &str) -> Vec<String> {
    let mut out = Vec::new();
    for f in report["findings"].as_array().unwrap().iter().filter(|f| f["rule_id"] == rule) {
        match f["instances"].as_array() {
            Some(list) => out.extend(list.iter().map(|i| i.as_str().unwrap().to_string())),
            None => out.push(f["resource"].as_str().unwrap().to_string()),
        }
    }
    out.sort();
    out
}

#[test]
fn module_instances_given_the_same_inputs_are_evaluated_once() {
    // Sixteen instances evaluated one by one would take about 27 million
    // steps, over the budget (20 million), and the last ones would be cut
    // short; evaluated once and replayed, every instance is checked within it.
    let dir = project("same-inputs", &costly_module_instances(16, "  private = false\n"));
    let (_, report) = check(&dir);
    assert!(budget_errors(&report).is_empty(), "{report:#}");
    assert_eq!(instances_of(&report, "aws-rds-publicly-accessible"), every_instance_and_root(16), "{report:#}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn module_instances_that_differ_only_in_inputs_the_module_never_reads_are_evaluated_once() {
    // Each instance passes its own `label`, which the module declares and
    // never reads: the instances make the same elements, and are evaluated
    // once and replayed (one by one, the last would be cut short by the budget).
    let mut files = costly_module_instances(16, "  private = false\n  label   = \"instance-${count.index}\"\n");
    files[1].1.push_str("variable \"label\" {\n  type = string\n}\n");
    let dir = project("unread-inputs", &files);
    let (_, report) = check(&dir);
    assert!(budget_errors(&report).is_empty(), "{report:#}");
    assert_eq!(instances_of(&report, "aws-rds-publicly-accessible"), every_instance_and_root(16), "{report:#}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_module_instance_reached_again_through_another_instance_of_its_caller_is_evaluated_once() {
    // Each of sixteen instances of `p` reads its own `label`, so each is
    // evaluated; the module each calls (`c`, about two million steps) is given
    // the same inputs every time, and is evaluated once and replayed under the
    // other instances of `p` (one by one, the last would be cut short).
    let parent = "variable \"label\" {\n  type = string\n}\n\
                  resource \"aws_s3_bucket\" \"logs\" {\n  bucket = var.label\n}\n\
                  module \"c\" {\n  source  = \"../child\"\n  private = false\n}\n"
        .to_string();
    let mut files = costly_module_instances(0, "");
    files[0].1 =
        "module \"p\" {\n  source = \"./parent\"\n  count  = 16\n  label  = \"p-${count.index}\"\n}\n".to_string();
    files.push(("parent/main.tf", parent));
    let dir = project("nested-same-inputs", &files);
    let (_, report) = check(&dir);
    assert!(budget_errors(&report).is_empty(), "{report:#}");
    let mut expected: Vec<String> = (0..16).map(|i| format!("module.p[{i}].module.c.aws_db_instance.db")).collect();
    expected.sort();
    assert_eq!(instances_of(&report, "aws-rds-publicly-accessible"), expected, "{report:#}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn module_instances_given_different_inputs_are_each_evaluated_with_their_own() {
    // Only instance 1 is given `private = false`: the others are private.
    let dir = project("different-inputs", &costly_module_instances(3, "  private = count.index != 1\n"));
    let (_, report) = check(&dir);
    assert!(budget_errors(&report).is_empty(), "{report:#}");
    assert_eq!(
        instances_of(&report, "aws-rds-publicly-accessible"),
        vec!["aws_db_instance.root".to_string(), "module.m[1].aws_db_instance.db".to_string()],
        "{report:#}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn one_finding_names_four_thousand_instances_in_linear_time() {
    // Every instance of one block yields the same finding at the same place:
    // it is reported once, naming them all. (The names were merged by
    // searching the list for each: a fuzzed tree of 16,000 instances took
    // 4.7 s, and the budget allows four million in a directory; 4,096 of one block.)
    let main = "resource \"aws_security_group\" \"ssh\" {\n  \
                for_each = toset([for p in setproduct(range(100), range(40)) : \"${p[0]}-${p[1]}\"])\n  \
                ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    \
                cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n";
    let dir = project("instances", &[("main.tf", main.to_string())]);
    let (_, report) = check(&dir);
    assert!(budget_errors(&report).is_empty(), "{report:#}");
    let ssh: Vec<&serde_json::Value> =
        report["findings"].as_array().unwrap().iter().filter(|f| f["rule_id"] == "aws-sg-public-ingress-ssh").collect();
    assert_eq!(ssh.len(), 1);
    let instances = ssh[0]["instances"].as_array().unwrap();
    assert_eq!(instances.len(), 4_000);
    assert_eq!(instances[0], "aws_security_group.ssh[\"0-0\"]");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn rules_that_relate_resources_stop_at_their_budget_and_say_so() {
    // 12,000 buckets, each with its versioning resource: every S3 rule that
    // looks for a bucket's configuration read all 12,000 for each bucket
    // (144 million reads a rule). Past the budget those rules stay quiet for
    // the rest, with a located error; nothing is reported that was not true.
    let mut main = String::new();
    for i in 0..12_000 {
        main.push_str(&format!(
            "resource \"aws_s3_bucket\" \"b{i}\" {{\n  bucket = \"b{i}\"\n}}\n\
             resource \"aws_s3_bucket_versioning\" \"v{i}\" {{\n  bucket = aws_s3_bucket.b{i}.id\n  \
             versioning_configuration {{\n    status = \"Enabled\"\n  }}\n}}\n"
        ));
    }
    let dir = project("relations", &[("main.tf", main)]);
    let (_, report) = check_with(&dir, &["--profile", "strict"]);
    let errors = budget_errors(&report);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let (file, line, column, message) = &errors[0];
    assert_eq!((file.as_str(), *column), ("main.tf", 1));
    // Nine lines a pair: the bucket's block, then its versioning's.
    assert!([0, 3].contains(&((line - 1) % 9)), "at a bucket or versioning block: line {line}");
    assert!(message.contains("reads of related resources"), "{message}");
    let versioning =
        report["findings"].as_array().unwrap().iter().filter(|f| f["rule_id"] == "aws-s3-versioning-disabled");
    assert_eq!(versioning.count(), 0, "every bucket has versioning");
    std::fs::remove_dir_all(dir).unwrap();
}

/// One block with more instances than a directory's whole budget
/// (`count`, `for_each`, a `dynamic` block, a module call) is one Unknown
/// instance, and a located error says the instances budget ran out (it used
/// to be Unknown without a word).
#[test]
fn a_block_of_more_instances_than_the_budget_says_so_where_they_are_asked() {
    // 60,060 numbers (`range` stops at 1,024, as Terraform's does), on line 2.
    let many = "locals {\n  n = flatten([for i in range(60) : [for j in range(1001) : i * 1001 + j]])\n}\n";
    let blocks = [
        ("count", "resource \"aws_instance\" \"a\" {\n  count = 60000\n}\n", 2, 11),
        ("for-each", "resource \"aws_instance\" \"a\" {\n  for_each = { for i in local.n : \"k${i}\" => i }\n}\n", 2, 14),
        (
            "dynamic",
            "resource \"aws_security_group\" \"a\" {\n  dynamic \"ingress\" {\n    for_each = local.n\n    content {\n      from_port = ingress.value\n    }\n  }\n}\n",
            3,
            16,
        ),
        ("module", "module \"m\" {\n  source = \"./m\"\n  count  = 50001\n}\n", 3, 12),
    ];
    for (name, main, line, column) in blocks {
        let files = [("main.tf", main.to_string()), ("locals.tf", many.to_string()), ("m/main.tf", String::new())];
        let dir = project(&format!("too-many-{name}"), &files);
        let (code, report) = check(&dir);
        assert_eq!(code, 2, "{name}: {report:#}");
        assert_eq!(
            budget_errors(&report),
            vec![(
                "main.tf".to_string(),
                line,
                column,
                "evaluation budget exhausted: more than 50000 block instances in this directory; the rest are not evaluated"
                    .to_string()
            )],
            "{name}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
