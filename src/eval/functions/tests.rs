//! Budget behaviour of the functions that can build large values from
//! small inputs: the result is Unknown and the budget says where, never a
//! hang nor an allocation of the whole.

use crate::eval::evaluate_expression;

fn unknown_with_budget_error(expr: &str) {
    let e = evaluate_expression(expr);
    let short = &expr[..expr.len().min(120)];
    assert!(e.value.is_none(), "{short}: {}", e.value.unwrap().to_string().len());
    assert!(e.budget_errors.iter().any(|m| m.contains("budget")), "{short}: {:?}", e.budget_errors);
}

#[test]
fn functions_that_multiply_their_input_stop_at_the_budget() {
    // Each level inserts 64 bytes between every two characters: 36 MB at the fifth.
    let mut big = "\"ab\"".to_string();
    for _ in 0..5 {
        big = format!("replace({big}, \"\", \"{}\")", "x".repeat(64));
    }
    let big = big.as_str();
    unknown_with_budget_error(big);
    unknown_with_budget_error(&format!("strrev({big})"));
    unknown_with_budget_error(&format!("indent(1000000, {big})"));
    let list =
        "[for i in range(1000) : \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx${i}\"]";
    unknown_with_budget_error(&format!("setproduct({list}, {list}, {list})"));
    unknown_with_budget_error(&format!("formatlist(\"%s%s%s%s%s%s%s%s\", {})", [big; 8].join(", ")));
    unknown_with_budget_error(&format!("chunklist(setproduct({list}, {list}, {list}), 1)"));
    unknown_with_budget_error(&format!("length(flatten([for x in {list} : {list}]))"));
}

#[test]
fn range_and_cidrsubnets_are_bounded_as_in_terraform() {
    assert_eq!(evaluate_expression("length(range(1024))").value, Some(serde_json::json!(1024)));
    assert_eq!(evaluate_expression("range(1025)").value, None);
    assert_eq!(evaluate_expression("range(0, 1e300, 1e-300)").value, None);
    let many = vec!["1"; 10_000].join(", ");
    assert_eq!(evaluate_expression(&format!("length(cidrsubnets(\"10.0.0.0/8\", {many}))")).value, None);
    let many = vec!["100"; 10_000].join(", ");
    let subnets = format!("length(cidrsubnets(\"fd00::/16\", {many}))");
    assert_eq!(evaluate_expression(&subnets).value, Some(serde_json::json!(10_000)));
}

#[test]
fn yaml_aliases_that_double_at_every_level_stop_at_the_budget() {
    let mut doc = format!("a0: &a0 [{}]\\n", "x".repeat(64));
    for i in 1..40 {
        doc.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}]\\n", p = i - 1));
    }
    unknown_with_budget_error(&format!("yamldecode(\"{doc}\")"));
}

#[test]
fn impure_and_provider_functions_are_unknown() {
    for e in
        ["timestamp()", "uuid()", "bcrypt(\"x\")", "plantimestamp()", "provider::aws::arn_parse(\"x\")", "nofunc(1)"]
    {
        assert_eq!(evaluate_expression(e).value, None, "{e}");
    }
    assert_eq!(evaluate_expression("core::upper(\"x\")").value, Some(serde_json::json!("X")));
    assert_eq!(evaluate_expression("upper(timestamp())").value, None);
}

#[test]
fn format_renders_the_verbs_and_refuses_unknown_arguments() {
    let v = evaluate_expression("format(\"%s:%d 100%%\", \"db\", 5432)").value;
    assert_eq!(v, Some(serde_json::json!("db:5432 100%")));
    assert_eq!(evaluate_expression("format(\"%s\", timestamp())").value, None);
}

#[test]
fn formatdate_stops_at_the_budget_when_verbs_outgrow_the_format() {
    // 10 MB of `Z,`, where each `Z` writes `+05:30`: 35 MB, past what a value may be.
    let y = format!("{},", ",Z".repeat(49));
    let mut format = format!("\"{}\"", "Z,".repeat(40));
    for _ in 0..3 {
        format = format!("replace({format}, \",\", \"{y}\")");
    }
    let len = evaluate_expression(&format!("length({format})")).value;
    assert_eq!(len, Some(serde_json::json!(10_000_000)), "the format itself is known");
    unknown_with_budget_error(&format!("formatdate({format}, \"2024-01-02T03:04:05+05:30\")"));
}
