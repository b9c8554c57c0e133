//! Every function the evaluator implements, compared with Terraform itself:
//! a generated set of calls (edge cases included: empty lists, Unicode,
//! negative indexes, nested values, errors) is evaluated by this evaluator
//! and by `terraform console`, in one process for the whole batch, and the
//! results must be identical: the same `jsonencode` text, or an error in
//! Terraform where the evaluator says Unknown.
//!
//! Skipped, with a message, where `terraform` is not installed.

mod common;

use std::path::Path;

use tflint_rs::eval::{evaluate_expression, evaluate_expression_in, functions};

/// A 1,024-bit RSA key made for this test only (it protects nothing), as
/// PKCS #1 and as PKCS #8, for the `rsadecrypt` cases.
macro_rules! test_key_pkcs1 {
    () => {
        "-----BEGIN RSA PRIVATE KEY-----\\nMIICXAIBAAKBgQC2ffo6ylYbO60LKhjlu0p8m0ssuP+658eakGzEF8PpB6gPGjyX\\nuLJKqURwugcFKnMp34iaCZ6oY5XqE8cVYySErrvNQjNWS9gS4clgbosNosuYmF3n\\n29lIWBZ2M2y4D5LkamfPVu6QkmK/NWZDl615myDlznS+HHCqjwiU9hnKFQIDAQAB\\nAoGAC6JIW4sepinNxFJwt+SSwRLdXgKFOxMfpHjkljO1p5t3WU8g4cNCioPz+wPB\\nAtFL+jVn7foDBVUj74JHRNPHNhp2L5WDEc6nVtdJ2tzikIcCD4Edqm8gYXfQpGRJ\\nncdJCM0svaCubzfI4Qme4+OlbGHOAdW2haL1Nbwo2xk14gECQQDy+e8bNMn1Gwtv\\n3k0fHsGCs1gSIYltifiukcuSFufnSG9qvDUcNl9iSGsehPevGwViG+lyGdmCqiVJ\\neP6JnVFBAkEAwEYXxIyfGvzoKDmeWvo+DwZULqpxf+gXJ/rJ8fhtsnlDuN3MJCrH\\nigvRTSwz20GxqnlN/nZiHs8tz+E/x3pv1QJAFwE890l3OaK24X+ds62YysQqOYU9\\nWsauafDZ4loS2N4N1oA9Uw9+1nJe2gPi44xeZRyZbLkv0+RCJYO0LdlcQQJAFpZl\\nZmaqrk31q/wQ2Vk6fyNcMls9mCwYxE6W+MEZifTq+sW7nKgV5ua6gNlngiN2jrNP\\ncUxQ/JOUKy6oAnQkvQJBAKodsP7gF12gFKarwPWQE8JxlH6qqWkRTvq0YVWOK0iS\\n4ENsmF7WTleb9OkOZcrxpDz/mQYtwR88wwhPPY1pqhc=\\n-----END RSA PRIVATE KEY-----"
    };
}
macro_rules! test_key_pkcs8 {
    () => {
        "-----BEGIN PRIVATE KEY-----\\nMIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBALZ9+jrKVhs7rQsq\\nGOW7SnybSyy4/7rnx5qQbMQXw+kHqA8aPJe4skqpRHC6BwUqcynfiJoJnqhjleoT\\nxxVjJISuu81CM1ZL2BLhyWBuiw2iy5iYXefb2UhYFnYzbLgPkuRqZ89W7pCSYr81\\nZkOXrXmbIOXOdL4ccKqPCJT2GcoVAgMBAAECgYALokhbix6mKc3EUnC35JLBEt1e\\nAoU7Ex+keOSWM7Wnm3dZTyDhw0KKg/P7A8EC0Uv6NWft+gMFVSPvgkdE08c2GnYv\\nlYMRzqdW10na3OKQhwIPgR2qbyBhd9CkZEmdx0kIzSy9oK5vN8jhCZ7j46VsYc4B\\n1baFovU1vCjbGTXiAQJBAPL57xs0yfUbC2/eTR8ewYKzWBIhiW2J+K6Ry5IW5+dI\\nb2q8NRw2X2JIax6E968bBWIb6XIZ2YKqJUl4/omdUUECQQDARhfEjJ8a/OgoOZ5a\\n+j4PBlQuqnF/6Bcn+snx+G2yeUO43cwkKseKC9FNLDPbQbGqeU3+dmIezy3P4T/H\\nem/VAkAXATz3SXc5orbhf52zrZjKxCo5hT1axq5p8NniWhLY3g3WgD1TD37Wcl7a\\nA+LjjF5lHJlsuS/T5EIlg7Qt2VxBAkAWlmVmZqquTfWr/BDZWTp/I1wyWz2YLBjE\\nTpb4wRmJ9Or6xbucqBXm5rqA2WeCI3aOs09xTFD8k5QrLqgCdCS9AkEAqh2w/uAX\\nXaAUpqvA9ZATwnGUfqqpaRFO+rRhVY4rSJLgQ2yYXtZOV5v06Q5lyvGkPP+ZBi3B\\nHzzDCE89jWmqFw==\\n-----END PRIVATE KEY-----"
    };
}
/// `Sup3r-héllo`, the empty message, and `Sup3r-héllo` with OAEP padding,
/// encrypted with the test key (PKCS #1 v1.5 padding).
macro_rules! ciphertext {
    () => {
        "nhbudwGT6INEcBNlawUO0qRkHuRKGTbsz0R1GBU88Ea3cSPkQydM5yiFJmnQOMhrX9NfvJGbVzCe0lhwdRv9sO7epU66fUPJMTbSl+aAhtlMm0F7LNT1g+vYjqrP6Nfnpx26M6WPAQnVYi0DeSHec8Catv2RSP0MY4AdfValbmc="
    };
}
macro_rules! ciphertext_empty {
    () => {
        "htSf+0pHheql+9XRu55IHKTcwSvbW+ARHVu41xliEz+TkA/nhrcEbs/ll/eHU5p2reaXkIIq5UrFrQUsm/a19PSqh25oJac3wyHsL1TsmMCqO4R+k8VOW5sOn5Q5yBz8sRMc2uEFrJWOXMPhKdKT+zkYQzYvMMZQuitgUYx3Jhk="
    };
}
macro_rules! ciphertext_oaep {
    () => {
        "n99K9SxSEdWhHywew4UUX1YERaZdAYExKyneZ6TQmUktzonO0xHDzq+eF2fJg6eldl5ba2L7NBAn9tUIjyPw6trXlSD2faRKZWGGrOt8/OF2Tjlq9lNcCYMrEMHhiX+gmzwOjdl3epRfRT9th5dRzmBTuy3dIxCOu9Fup1Ra5Hs="
    };
}

/// Calls of every implemented function. Numbers are ones `f64` holds exactly.
const CASES: &[&str] = &[
    // Numbers.
    "abs(-3.5)", "abs(0)", "abs(\"-2\")", "abs(\"x\")",
    "ceil(1.2)", "ceil(-1.2)", "ceil(5)", "floor(-1.5)", "floor(2.75)",
    "log(8, 2)", "log(100, 10)", "log(1, 10)",
    "max(1, 5, 3)", "max(1, \"5\", 3)", "max(-1.5)", "max()", "min(3, -2, 7)", "min([4, 2]...)",
    "parseint(\"-ff\", 16)", "parseint(\"zZ\", 62)", "parseint(\"0x10\", 16)", "parseint(\"12\", 1)",
    "parseint(\"101\", 2)", "parseint(\"FF\", 16)", "parseint(\"\", 10)", "parseint(\"9\", 8)",
    "pow(2, 10)", "pow(3, 0)", "pow(-2, 3)", "signum(-7)", "signum(0)", "signum(12)", "signum(-0.5)",
    // Strings.
    "chomp(\"a\\n\\r\\n\")", "chomp(\"a\\n b\\n\")", "chomp(\"\")",
    "endswith(\"hello\", \"lo\")", "endswith(\"hello\", \"\")", "startswith(\"héllo\", \"hé\")", "startswith(\"a\", \"ab\")",
    "strcontains(\"hello\", \"ell\")", "strcontains(\"hello\", \"x\")",
    "format(\"%s|%5s|%-5s|%.2s|%05d|%+d|% d|%x|%X|%o|%b\", \"a\", \"b\", \"c\", \"héllo\", 42, 42, 42, -255, 255, 8, 5)",
    "format(\"%5.2f|%-4d|%q|%t|%v|%#v\", 3.14159, 42, \"hi\", true, \"v\", {a = 1})",
    "format(\"%v\", [1, \"a\"])", "format(\"%d\", 1.5)", "format(\"%s\", 1.5)", "format(\"%s\", \"a\", \"b\")",
    "format(\"%s %s\", \"a\")", "format(\"%[2]s %[1]s\", \"a\", \"b\")", "format(\"%.3f|%f|%8.3f\", 2, 1.25, -3.5)",
    "format(\"%q\", \"a\\\"b\\nc<\")", "format(\"%#v\", [1, \"a\", null])", "format(\"%5t|%%\", true)",
    "format(\"%d\", \"12\")", "format(\"%s\", true)", "format(\"no verbs\")", "format(\"%-6d|%06.2f\", -12, -1.5)",
    "formatlist(\"%s-%s\", [\"a\", \"b\"], \"x\")", "formatlist(\"%s=%d\", [\"a\", \"b\"], [1, 2])",
    "formatlist(\"%s\", [])", "formatlist(\"%s%s\", [\"a\"], [\"b\", \"c\"])", "formatlist(\"x\")",
    "indent(2, \"a\\nb\\n\")", "indent(4, \"\")", "indent(0, \"a\\nb\")",
    "join(\",\", [\"a\", \"b\"])", "join(\"-\", [\"a\"], [\"b\", \"c\"])", "join(\",\", [])", "join(\",\", [\"a\", 1, true])",
    "join(\",\", [\"a\", null])", "join(\",\")",
    "lower(\"HÉLLO ΣΑΣ İ\")", "upper(\"straße héllo\")", "title(\"hello wORLD foo-bar ÿes o'neil a_b\")",
    "replace(\"a-b-c\", \"-\", \"+\")", "replace(\"abc\", \"\", \"-\")", "replace(\"hello\", \"/l+/\", \"L\")",
    "replace(\"a1b22\", \"/([a-z])(\\\\d+)/\", \"$2$1\")", "replace(\"x\", \"/(/\", \"y\")", "replace(\"aaa\", \"aa\", \"b\")",
    "replace(\"héllo wörld\", \"/[^a-z]/\", \"_\")", "replace(\"abc\", \"/\", \"x\")",
    "split(\",\", \"a,b,,c\")", "split(\",\", \"\")", "split(\"\", \"abc\")", "split(\"\", \"\")", "split(\"::\", \"a::b\")",
    "strrev(\"héllo🇨🇦\")", "strrev(\"\")",
    "substr(\"héllo\", 1, 3)", "substr(\"hello\", -3, -1)", "substr(\"hello\", 10, 1)", "substr(\"hello\", -10, 2)",
    "substr(\"hello\", 0, 0)", "substr(\"hello\", 1, -2)", "substr(\"🇨🇦🇫🇷x\", 1, 1)", "substr(\"hello\", 1.5, 1)",
    "trim(\"?!hello?!\", \"!?\")", "trim(\"  a  \", \" \")", "trimprefix(\"helloworld\", \"hello\")", "trimprefix(\"a\", \"b\")",
    "trimsuffix(\"helloworld\", \"world\")", "trimspace(\"  \\n\\thello \\u00a0\")", "trimspace(\"\")",
    // Collections.
    "alltrue([])", "alltrue([true, \"true\"])", "alltrue([true, false])", "anytrue([])", "anytrue([false, true])",
    "alltrue([1])",
    "chunklist([1, 2, 3], 2)", "chunklist([1, 2, 3], 0)", "chunklist([], 2)", "chunklist([1, \"a\"], 1)", "chunklist([1], -1)",
    "coalesce(1, \"a\")", "coalesce(\"\", null, \"b\")", "coalesce(null, \"\")", "coalesce(null, 2)", "coalesce()",
    "coalescelist([], [\"a\"])", "coalescelist([], [])", "coalescelist([1], [2])",
    "compact([\"a\", \"\", null, 1])", "compact([])",
    "concat([\"a\"], [1, true])", "concat()", "concat([], [])", "concat([\"a\"], \"b\")",
    "contains([\"a\", 1], 1)", "contains([1, 2], \"1\")", "contains([], \"a\")", "contains([[1]], [1])", "contains([{a = 1}], {a = 1})",
    "distinct([\"a\", 1, \"a\", \"1\"])", "distinct([[1], [\"a\"], [\"1\"]])", "distinct([])", "distinct([\"b\", \"a\", \"b\"])",
    "element([\"a\", \"b\", \"c\"], 4)", "element([\"a\", \"b\", \"c\"], -1)", "element([], 0)", "element([\"a\", \"b\"], 1.5)",
    "flatten([[1, [2, null]], [], \"a\"])", "flatten([])", "flatten([[[[\"x\"]]]])",
    "index([\"a\", \"b\"], \"b\")", "index([1, 2], \"2\")", "index([], 1)",
    "keys({b = 1, a = 2})", "keys({})", "keys([1])", "values({b = 1, a = [2]})", "values({})",
    // One call site, several maps (each answer is kept per map and call).
    "[for m in [{b = 1, a = 2}, {d = 1, c = 2}, {b = 1, a = 2}] : [keys(m), values(m)]]",
    "[for m in [{b = 1, a = 2}, {c = 0, b = 1, a = 2}] : [for k in keys(m) : index(keys(m), k)]]",
    "[for m in [{b = 1, a = 2}, {c = 0, b = 1, a = 2}, {}] : [for k, v in m : length(m)]]",
    "length(\"héllo\")", "length(\"🇨🇦\")", "length([1, [2, 3]])", "length({a = 1, b = 2})", "length(\"\")", "length(1)",
    "lookup({a = 1, b = \"x\"}, \"a\")", "lookup({a = 1}, \"z\", \"d\")", "lookup({a = 1}, \"z\")", "lookup([1], \"a\", 1)",
    "matchkeys([\"a\", \"b\", \"c\"], [\"x\", \"y\", \"z\"], [\"z\", \"x\"])", "matchkeys([\"a\"], [\"x\", \"y\"], [\"x\"])",
    "matchkeys([], [], [\"x\"])",
    "merge({b = 1}, {a = 2})", "merge({a = 1}, null, {a = [2]})", "merge()", "merge({a = 1}, [1])",
    "one([])", "one([\"a\"])", "one([\"a\", \"b\"])", "one([[1]])",
    "range(3)", "range(1, 4)", "range(4, 1)", "range(0, 10, 3)", "range(0, -3, -1)", "range(0, 3, -1)", "range(3, 0, 1)",
    "range(0, 1, 0)", "range(1.5)", "range(0, 1, 0.25)", "length(range(1024))", "range(1025)", "range(0)",
    "reverse([1, \"a\"])", "reverse([])",
    "setintersection([\"b\", \"a\"], [\"c\", \"a\", \"b\"])", "setintersection([1, 2], [2, 3])",
    "setproduct([\"a\", \"b\"], [1, 2])", "setproduct([\"a\", 1], [\"x\"])", "setproduct([], [\"x\"])", "setproduct([\"a\"])",
    "setsubtract([\"b\", \"a\"], [\"a\"])", "setsubtract([], [\"a\"])",
    // `for` in grouping mode: each key's values in order.
    "{ for s in [\"a\", \"bb\", \"c\", \"dd\", \"eee\"] : length(s) => s... }",
    "{ for k, v in { x = 1, y = 2, z = 1 } : v => k... if k != \"y\" }",
    // Numbers, mixed and nested elements (strings and numbers are indexed, the rest compared).
    "distinct([1, 2, 1, 2.0, 3])", "distinct([0, -0, 1])", "toset([1, 2, 1, 0, 1.0])", "setsubtract([1, 2, 3], [2])",
    "setintersection([1, 2, 3], [3, 1], [1, 3, 4])", "setintersection([\"a\", \"b\"])", "setunion([1, 2], [2, 3])",
    "setsubtract([[1], [2]], [[2]])", "distinct([true, false, true])", "setintersection([[\"a\"], [\"b\"]], [[\"b\"]])",
    "setunion([\"b\", \"a\"], [\"c\", \"a\"])", "setunion([1], [\"a\"])", "setunion([3, 1], [2, 10])", "setunion([true], [false])",
    "slice([\"a\", \"b\", \"c\"], 1, 3)", "slice([\"a\", \"b\", \"c\"], 2, 1)", "slice([\"a\", \"b\", \"c\"], 0, 4)",
    "slice([\"a\"], 0, 0)", "slice([\"a\", \"b\"], -1, 1)",
    "sort([\"b\", \"B\", \"a\", \"é\", \"Z\"])", "sort([])", "sort([3, 1, \"b\", 10])", "sort([\"a\", null])",
    "sum([1.5, 2])", "sum([\"1\", 2])", "sum([])", "sum([\"x\"])",
    "transpose({a = [\"2\", \"1\"], b = [\"1\", \"3\"]})", "transpose({})", "transpose({a = []})",
    "zipmap([\"a\", \"b\", \"a\"], [1, 2, 3])", "zipmap([\"a\"], [1, 2])", "zipmap([], [])", "zipmap([\"a\", \"b\"], [[1], {c = 2}])",
    // Encodings.
    "base64encode(\"héllo\")", "base64encode(\"\")", "base64encode(12)", "base64decode(\"aGk=\")", "base64decode(\"aGk\")",
    "base64decode(\"/w==\")", "base64decode(\"aG k=\")", "base64decode(\"aG\\nk=\")", "base64decode(\"aG\\tk=\")", "base64decode(base64encode(\"round trip\"))",
    "textencodebase64(\"hé\", \"UTF-8\")", "textdecodebase64(\"aMOp\", \"UTF-8\")",
    "csvdecode(\"a,b\\n1,2\\n\\\"x,\\\"\\\"y\\\",z\\n\")", "csvdecode(\"a,b\\r\\n1,2\\r\\n\\r\\n3,4\")", "csvdecode(\"a,b\\n1\")",
    "csvdecode(\"\")", "csvdecode(\"a\\n\")", "csvdecode(\"a,b\\n\\\"x\\\" ,y\")", "csvdecode(\"a,a\\n1,2\")",
    "jsondecode(\"{\\\"a\\\": [1, 2.5, \\\"x\\\", null, true], \\\"b\\\": {}}\")", "jsondecode(\"[1,]\")", "jsondecode(\" 1 \")",
    "jsondecode(\"\\\"\\\\ud83d\\\\ude00\\\"\")", "jsondecode(jsonencode({a = [1]}))", "jsondecode(\"nul\")",
    "jsondecode(\"{\\\"a\\\":1,\\\"a\\\":2}\")", "jsondecode(\"[1e2, -0.5, \\\"\\\\u00e9\\\"]\")",
    "jsonencode(\"<a&b>\\u2028\\u0001é\\t\")", "jsonencode(\"q\\\"b\\\\s\\r\\u2029\\u0008\\u000c\\u001f\\u007f→ end\")", "jsonencode({b = 1, a = [true, null, 1.5, 1e20, 0.0000001]})",
    "jsonencode([])", "jsonencode({})", "jsonencode(jsonencode({a = 1}))", "jsonencode(base64encode(\"x\"))",
    "urlencode(\"a b&c=d/é~_-.*!'()\")", "urlencode(\"\")",
    "yamldecode(\"a: yes\\nb: 0x10\\nc: 1e3\\nd: ~\\ne: 010\\nf: 0o10\\ng: True\\nh: NO\\ni: 1_000\\nj: +1\\nk: .5\")",
    "yamldecode(\"a: 'yes'\\nb: \\\"1\\\"\\nc: !!str 1\")", "yamldecode(\"\")", "yamldecode(\"---\\na: 1\\n...\")",
    "yamldecode(\"- 0b101\\n- 0o17\\n- 017\\n- -0x1f\\n- 1.5e3\\n- -.5\\n- 12:30\\n- 1.\")",
    "yamldecode(\"a: |\\n  x\\n  y\\nb: >\\n  x\\n  y\\n\")", "yamldecode(\"a: &x [1, 2]\\nb: *x\\nc: {d: [e, f]}\")",
    "yamldecode(\"[1, 2\")", "yamldecode(\"a: 1\\n---\\nb: 2\")", "yamldecode(\"yes: 1\\n2: b\")", "yamldecode(\"héllo\")",
    "yamlencode({a = 1, b = [\"x\", true, null], c = {d = \"e\\nf\"}, e = \"\", f = \"yes\", g = \"1\", h = 1.5})",
    "yamlencode(\"x\")", "yamlencode(1)", "yamlencode(true)", "yamlencode(null)", "yamlencode([])", "yamlencode({})",
    "yamlencode({a = [], b = {}, c = [[1, 2], [3]], d = [{x = 1, y = 2}]})", "yamlencode({\"a b\" = \"x\", \"c:d\" = \"y\\n\"})",
    "yamlencode(\"a\\n\")", "yamlencode(\"trailing \")", "yamlencode(\"\\ttab\")", "yamlencode(\"é\")",
    "yamlencode([{a = {b = [1]}}, [\"x\\ny\"]])",
    // Networks.
    "cidrhost(\"10.0.0.0/8\", 5)", "cidrhost(\"10.0.0.0/24\", -1)", "cidrhost(\"10.0.0.0/24\", 256)", "cidrhost(\"fd00::/64\", 5)",
    "cidrhost(\"010.0.0.0/8\", 1)", "cidrhost(\"10.0.0.0/24\", -256)", "cidrhost(\"10.0.0.0/24\", -257)", "cidrhost(\"10.0.0.1/32\", 0)",
    "cidrhost(\"not a cidr\", 1)",
    "cidrnetmask(\"172.16.0.0/12\")", "cidrnetmask(\"fd00::/64\")", "cidrnetmask(\"10.0.0.0/0\")", "cidrnetmask(\"10.0.0.0/32\")",
    "cidrsubnet(\"10.0.0.0/16\", 8, 2)", "cidrsubnet(\"10.1.2.3/16\", 8, 2)", "cidrsubnet(\"10.0.0.0/16\", 8, 256)",
    "cidrsubnet(\"fd00:fd12:3456:7890::/56\", 16, 162)", "cidrsubnet(\"10.0.0.0/30\", 3, 0)", "cidrsubnet(\"10.0.0.0/8\", 0, 0)",
    "cidrsubnets(\"10.0.0.0/16\", 4, 4, 8, 4)", "cidrsubnets(\"10.0.0.0/30\", 1, 1, 1)", "cidrsubnets(\"10.0.0.0/8\", 0)",
    "cidrsubnets(\"fd00::/56\", 8, 16, 8)", "cidrsubnets(\"10.0.0.0/24\", 2, 1)",
    // Regular expressions.
    "regex(\"[a-z]+\", \"123abc456\")", "regex(\"(\\\\d+)-(\\\\d+)\", \"10-20\")", "regex(\"(?P<a>\\\\d+)-(?P<b>\\\\d+)\", \"10-20\")",
    "regex(\"(a)|(b)\", \"b\")", "regex(\"x\", \"abc\")", "regex(\"\\\\w+\", \"héllo\")", "regex(\"(?i)HÉ\", \"hé\")",
    "regex(\"(a)(?P<n>b)\", \"ab\")", "regex(\"[[:alpha:]]+\", \"12ab\")", "regex(\"\\\\s+\", \"a \\u00a0 b\")",
    "regexall(\"(\\\\d)\", \"a1b2\")", "regexall(\"\\\\d\", \"a1b2\")", "regexall(\"x\", \"abc\")", "regexall(\"\", \"ab\")",
    "regexall(\"[^]a]\", \"]ab\")",
    // Types.
    "tobool(\"1\")", "tobool(\"true\")", "tobool(\"yes\")", "tobool(null)", "tobool(1)",
    "tonumber(\" 5\")", "tonumber(\"0x10\")", "tonumber(\"1e3\")", "tonumber(\"inf\")", "tonumber(\"-1.5\")", "tonumber(true)",
    "tostring(1e20)", "tostring(0.0000001)", "tostring(true)", "tostring(null)", "tostring([1])",
    "tolist([1, \"a\"])", "tolist([true, 1])", "tolist([null, 1])", "tolist([[1], [\"a\", \"b\"]])",
    "tolist([{a = 1}, {b = \"x\"}])", "tolist([{a = 1}, {a = \"x\"}])", "tolist([])", "tolist({a = 1})",
    "toset([\"b\", \"a\", \"b\"])", "toset([3, 1, 2, 10])", "toset([\"b\", 1, true])", "toset([true, false, true])",
    "toset([])", "toset([null, \"a\"])",
    "tomap({a = 1, b = \"x\"})", "tomap({a = [1], b = [\"x\"]})", "tomap({})", "tomap([1])",
    "nonsensitive(sensitive(\"x\"))", "nonsensitive(sensitive(1))", "ephemeralasnull(\"x\")",
    "issensitive(\"a\")", "issensitive(sensitive(\"a\"))", "issensitive(nonsensitive(sensitive(\"a\")))",
    "issensitive([1, 2])", "issensitive({ a = 1 })", "issensitive(null)", "issensitive(sensitive(null))",
    "issensitive((sensitive(1)))", "issensitive(1 + 2)", "[issensitive(\"x\"), issensitive(sensitive(\"y\"))]",
    // Hashes.
    "md5(\"hello\")", "md5(\"\")", "sha1(\"héllo\")", "sha256(\"hello\")", "sha512(\"hello\")",
    "base64sha256(\"hello\")", "base64sha512(\"hello\")", "sha256(jsonencode({a = 1}))",
    // More edge cases.
    "lookup({a = 1}, \"a\", \"x\")", "merge({a = {b = 1}}, {a = {c = 2}})", "formatlist(\"%s\", [\"a\", 1])",
    "yamlencode({a = \"x\\n\\ny\"})", "yamlencode({a = 0.5, b = -3, c = 1000000})", "jsonencode(tolist(toset([3, 1])))",
    "sort(toset([\"b\", \"a\"]))", "element(concat([\"a\"], [\"b\"]), 3)", "contains(toset([\"a\"]), \"a\")",
    "regex(\"^(?:a|b)+$\", \"abab\")", "regexall(\"(?m)^x\", \"x\\nx\")", "regex(\"[\\\\d]+\", \"a12\")", "regex(\"\\\\pL+\", \"héllo1\")",
    "replace(\"a.b\", \".\", \"-\")", "title(\"\")", "upper(\"\")", "cidrhost(\"192.168.1.0/24\", 0)",
    "cidrsubnet(\"2001:db8::/32\", 16, 65535)", "jsondecode(\"{\\\"b\\\":1,\\\"a\\\":2}\")", "keys(jsondecode(\"{\\\"b\\\":1,\\\"a\\\":2}\"))",
    "format(\"%s\", jsonencode({a = 1}))", "length(jsonencode([1]))", "base64encode(jsonencode({a = \"<\"}))",
    "sha256(base64encode(\"x\"))", "csvdecode(\"a,b\\n\\\"multi\\nline\\\",2\")", "urlencode(\"日本\")",
    "trimspace(\"\\u3000x\\u3000\")", "tostring(1.5)", "tonumber(\"1.\")", "tonumber(\".5\")", "tonumber(\"+1\")",
    "flatten([toset([\"b\", \"a\"])])", "distinct([1, 1.0, \"1\"])", "coalesce([\"a\"], [\"b\"])", "values({a = 1, b = \"x\"})",
    "matchkeys([1, 2], [\"a\", 1], [\"1\"])", "chunklist([\"a\", \"b\", \"c\", \"d\"], 3)", "setproduct(toset([\"b\", \"a\"]), [1])",
    "one(toset([]))", "indent(2, \"a\\n\\nb\")", "format(\"%-5s|%5.1f\", \"ab\", 2.25)", "format(\"%.0f\", 2.5)",
    "split(\",\", 12)", "join(\", \", [\"a\"], [])", "upper(jsonencode({a = \"b\"}))", "strrev(\"abc\")",
    "length({a = 1, a = 2})", "keys({a = 1, b = 2, a = 3})", "slice([1, 2, 3], 1, 1)", "sum([0.5, 0.25])",
    "range(-2)", "range(2, 2)", "reverse(toset([\"b\", \"a\"]))",
    "transpose({a = [\"x\"], b = [\"x\", \"y\"], c = []})", "zipmap([1, 2], [\"a\", \"b\"])", "tomap({a = 1, b = true})",
    "tomap({a = 1, b = [1]})", "tolist(toset([\"b\", \"a\"]))", "toset([[1], [1]])", "toset([{a = 1}])",
    "regexall(\"(?P<k>\\\\w)=(?P<v>\\\\d)\", \"a=1 b=2\")", "regex(\"(x)?y\", \"y\")", "yamldecode(\"a:\\n  - b: 1\\n    c: [x, 'y']\")",
    "yamldecode(\"key: value # comment\\nother: \\\"q\\\\tx\\\"\")", "yamldecode(\"1.5\")", "yamldecode(\"[]\")", "yamldecode(\"~\")",
    "yamlencode({a = {b = {c = \"d\"}}})", "yamlencode([[[1]]])", "yamlencode([{}, []])", "yamlencode(\"a\\\"b\\\\c\")",
    "indent(5000, \"a\")", "length(indent(5000, \"a\\nb\"))", "length(format(\"%5000s|%.6000f\", \"a\", 1))",
    "cidrsubnets(\"10.0.0.0/8\", 8, 4)", "cidrnetmask(\"10.0.0.0/8\")", "cidrhost(\"10.0.0.0/8\", 16777215)",
    // Timestamps: every verb, quoting, offsets, fractions, durations.
    "formatdate(\"YYYY-MM-DD hh:mm:ss ZZZZZ\", \"2024-02-29T13:04:05+05:30\")",
    "formatdate(\"YY M MM MMM MMMM D DD EEE EEEE h hh H HH AA aa m mm s ss\", \"2009-03-07T00:05:09Z\")",
    "formatdate(\"H HH AA aa\", \"2009-03-07T12:00:00Z\")", "formatdate(\"H AA\", \"2009-03-07T23:59:59-00:00\")",
    "formatdate(\"Z ZZZ ZZZZ ZZZZZ\", \"2024-01-02T03:04:05Z\")", "formatdate(\"Z ZZZ ZZZZ ZZZZZ\", \"2024-01-02T03:04:05-08:00\")",
    "formatdate(\"Z ZZZ\", \"2024-01-02T03:04:05+00:00\")", "formatdate(\"Z\", \"2024-01-02T03:04:05-00:30\")",
    "formatdate(\"'Date:' DD 'o''clock' ''\", \"2024-01-02T03:04:05Z\")", "formatdate(\"'abc'\", \"2024-01-02T03:04:05Z\")",
    "formatdate(\"'abc''\", \"2024-01-02T03:04:05Z\")", "formatdate(\"'abc\", \"2024-01-02T03:04:05Z\")",
    "formatdate(\"'\", \"2024-01-02T03:04:05Z\")", "formatdate(\"''\", \"2024-01-02T03:04:05Z\")",
    "formatdate(\"YYY\", \"2024-01-02T03:04:05Z\")", "formatdate(\"MMMMM\", \"2024-01-02T03:04:05Z\")",
    "formatdate(\"DDD\", \"2024-01-02T03:04:05Z\")", "formatdate(\"E\", \"2024-01-02T03:04:05Z\")",
    "formatdate(\"A\", \"2024-01-02T03:04:05Z\")", "formatdate(\"ZZ\", \"2024-01-02T03:04:05Z\")",
    "formatdate(\"x\", \"2024-01-02T03:04:05Z\")", "formatdate(\"hhh\", \"2024-01-02T03:04:05Z\")",
    "formatdate(\"\", \"2024-01-02T03:04:05Z\")", "formatdate(\"é-/: 1\", \"2024-01-02T03:04:05Z\")",
    "formatdate(\"YY\", \"0005-01-02T03:04:05Z\")", "formatdate(\"YYYY\", \"0005-01-02T03:04:05Z\")",
    "formatdate(\"DD\", \"2023-02-29T00:00:00Z\")", "formatdate(\"DD\", \"2024-13-01T00:00:00Z\")",
    "formatdate(\"DD\", \"2024-01-02\")", "formatdate(\"DD\", \"2024-01-02 03:04:05Z\")", "formatdate(\"DD\", \"2024-01-02t03:04:05Z\")",
    "formatdate(\"DD\", \"2024-01-02T03:04:05z\")", "formatdate(\"DD\", \"2024-01-02T03:04:05\")",
    "formatdate(\"DD\", \"2024-01-02T24:00:00Z\")", "formatdate(\"DD\", \"2024-01-02T03:60:00Z\")",
    "formatdate(\"DD\", \"2024-01-02T03:04:60Z\")", "formatdate(\"DD\", \"2024-01-02T03:04:05+24:00\")",
    "formatdate(\"DD\", \"2024-01-02T03:04:05+05:60\")", "formatdate(\"DD\", \"2024-01-02T03:04:05+0530\")",
    "formatdate(\"DD\", \"2024-01-02T03:04:05.Z\")", "formatdate(\"DD\", \"2024-01-02T03:04:05,5Z\")",
    "formatdate(\"DD\", \"2024-01-02T1:04:05Z\")", "formatdate(\"ss\", \"2024-01-02T03:04:05.123456789123Z\")",
    "formatdate(\"DD\", \"+024-01-02T03:04:05Z\")", "formatdate(\"DD\", \"\")",
    "timeadd(\"2024-01-02T03:04:05Z\", \"1h30m\")", "timeadd(\"2024-01-02T03:04:05Z\", \"-1h30m\")",
    "timeadd(\"2024-01-02T03:04:05Z\", \"+10m\")", "timeadd(\"2024-01-02T03:04:05+05:30\", \"24h\")",
    "timeadd(\"2024-12-31T23:59:59.999Z\", \"1ms\")", "timeadd(\"2024-12-31T23:59:59.5Z\", \"0.5s\")",
    "timeadd(\"2024-01-02T03:04:05Z\", \"1.5h\")", "timeadd(\"2024-01-02T03:04:05Z\", \".5m\")", "timeadd(\"2024-01-02T03:04:05Z\", \"5.m\")",
    "timeadd(\"2024-01-02T03:04:05Z\", \"1h1m1s1ms1us1ns\")", "timeadd(\"2024-01-02T03:04:05Z\", \"1µs\")",
    "timeadd(\"2024-01-02T03:04:05Z\", \"0\")", "timeadd(\"2024-01-02T03:04:05Z\", \"-0\")", "timeadd(\"2024-01-02T03:04:05Z\", \"\")",
    "timeadd(\"2024-01-02T03:04:05Z\", \"1\")", "timeadd(\"2024-01-02T03:04:05Z\", \"1d\")", "timeadd(\"2024-01-02T03:04:05Z\", \"1h 30m\")",
    "timeadd(\"2024-01-02T03:04:05Z\", \".s\")", "timeadd(\"2024-01-02T03:04:05Z\", \"-\")", "timeadd(\"2024-01-02T03:04:05Z\", \"1H\")",
    "timeadd(\"2024-01-02T03:04:05Z\", \"2562047h\")", "timeadd(\"2024-01-02T03:04:05Z\", \"2562048h\")",
    "timeadd(\"2024-01-02T03:04:05Z\", \"-2562047h47m16.854775808s\")", "timeadd(\"2024-01-02T03:04:05Z\", \"9223372036854775808ns\")",
    "timeadd(\"2024-01-02T03:04:05Z\", \"1.000000000000000000001h\")", "timeadd(\"2024-01-02T03:04:05Z\", \"0.3333333333h\")",
    "timeadd(\"2024-03-10T01:30:00-08:00\", \"-10000h\")", "timeadd(\"0001-01-01T00:00:00Z\", \"1h\")",
    "timeadd(\"2024-01-02T03:04:05-00:00\", \"1s\")", "timeadd(\"2024-02-28T23:00:00+01:00\", \"1h\")",
    "timecmp(\"2024-01-02T03:04:05Z\", \"2024-01-02T03:04:05Z\")", "timecmp(\"2024-01-02T03:04:05Z\", \"2024-01-02T08:34:05+05:30\")",
    "timecmp(\"2024-01-02T03:04:05Z\", \"2024-01-02T03:04:05.000000001Z\")", "timecmp(\"2024-01-02T03:04:06Z\", \"2024-01-02T03:04:05Z\")",
    "timecmp(\"2024-01-02T00:00:00-01:00\", \"2024-01-02T00:30:00Z\")", "timecmp(\"2024-01-02T00:00:00+01:00\", \"2024-01-01T23:00:00Z\")",
    "timecmp(\"2024-01-02\", \"2024-01-02T00:00:00Z\")", "timecmp(\"2024-01-02T00:00:00Z\", \"x\")",
    "formatdate(\"EEEE\", timeadd(\"2024-02-28T12:00:00Z\", \"24h\"))",
    // UUIDs.
    "uuidv5(\"dns\", \"www.terraform.io\")", "uuidv5(\"url\", \"https://www.terraform.io/\")", "uuidv5(\"oid\", \"1.2.3.4\")",
    "uuidv5(\"x500\", \"CN=Test User 1, O=HashiCorp, C=US\")", "uuidv5(\"dns\", \"\")", "uuidv5(\"dns\", \"héllo\")",
    "uuidv5(\"6ba7b810-9dad-11d1-80b4-00c04fd430c8\", \"www.terraform.io\")",
    "uuidv5(\"6BA7B810-9DAD-11D1-80B4-00C04FD430C8\", \"a\")", "uuidv5(\"6ba7b8109dad11d180b400c04fd430c8\", \"a\")",
    "uuidv5(\"{6ba7b810-9dad-11d1-80b4-00c04fd430c8}\", \"a\")", "uuidv5(\"x6ba7b810-9dad-11d1-80b4-00c04fd430c8y\", \"a\")",
    "uuidv5(\"urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8\", \"a\")", "uuidv5(\"URN:UUID:6ba7b810-9dad-11d1-80b4-00c04fd430c8\", \"a\")",
    "uuidv5(\"urn:uuix:6ba7b810-9dad-11d1-80b4-00c04fd430c8\", \"a\")", "uuidv5(\"6ba7b810+9dad-11d1-80b4-00c04fd430c8\", \"a\")",
    "uuidv5(\"6ba7b810-9dad-11d1-80b4-00c04fd430cg\", \"a\")", "uuidv5(\"DNS\", \"a\")", "uuidv5(\"\", \"a\")", "uuidv5(\"dns\", 12)",
    // Templates given by reference (a literal is refused).
    "[for t in [\"Hello $${name}!\"] : templatestring(t, {name = \"w\"})][0]",
    "[for t in [\"$${upper(a)}-$${b}\"] : templatestring(t, {a = \"x\", b = 1.5})][0]",
    "[for t in [\"$${a}\"] : templatestring(t, {a = true})][0]", "[for t in [\"$${a.b}\"] : templatestring(t, {a = {b = 1}})][0]",
    "[for t in [\"$${a}\"] : templatestring(t, {a = {b = 1}})][0]", "[for t in [\"$${a}\"] : templatestring(t, {a = \"$${b}\"})][0]",
    "[for t in [\"x\"] : templatestring(t, {\"a-b\" = 1, _c = 2, \"é\" = 3})][0]", "[for t in [\"x\"] : templatestring(t, {\"1a\" = 1})][0]",
    "[for t in [\"x\"] : templatestring(t, {\"\" = 1})][0]", "[for t in [\"$${a}\"] : templatestring(t, {})][0]",
    "[for t in [\"$${a}\"] : templatestring(t, null)][0]", "[for t in [\"$${a}\"] : templatestring(t, [1])][0]",
    "[for t in [null] : templatestring(t, {})][0]", "[for t in [5] : templatestring(t, {})][0]", "[for t in [\"$${\"] : templatestring(t, {})][0]",
    "[for t in [\"$${a}\"] : templatestring(t, {a = null})][0]", "[for t in [\"$${file(a)}\"] : templatestring(t, {a = \"x\"})][0]",
    "[for t in [\"$${templatestring(a, {})}\"] : templatestring(t, {a = \"x\"})][0]",
    "[for t in [\"a\"] : templatestring((t), {})][0]", "templatestring(\"x\", {})", "templatestring(\"$${a}\", {a = 1})",
    "{for k, t in {x = \"<$${a}>\"} : k => templatestring(t, tomap({a = \"1\"}))}",
    // RSA decryption (with a key made for this test).
    concat!("rsadecrypt(\"", ciphertext!(), "\", \"", test_key_pkcs1!(), "\")"),
    concat!("rsadecrypt(\"", ciphertext!(), "\", \"", test_key_pkcs8!(), "\")"),
    concat!("rsadecrypt(\"", ciphertext!(), "\", \"\\n", test_key_pkcs1!(), "\\n\")"),
    concat!("rsadecrypt(\"", ciphertext_empty!(), "\", \"", test_key_pkcs1!(), "\")"),
    concat!("rsadecrypt(\"", ciphertext_oaep!(), "\", \"", test_key_pkcs1!(), "\")"),
    concat!("rsadecrypt(\"//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////8=\", \"", test_key_pkcs1!(), "\")"),
    concat!("rsadecrypt(\"Fu53AZPog0RwE2VrBQ7SpGQe5EoZNuzPRHUYFTzwRrdxI+RDJ0znKIUmadA4yGtf01+8kZtXMJ7SWHB1G/2w7t6lTrp9Q8kxNtKX5oCG2UybQXss1PWD69iOqs/o1+enHbozpY8BCdViLQN5Id5zwJq2/ZFI/QxjgB19VqVuZw==\", \"", test_key_pkcs1!(), "\")"),
    concat!("rsadecrypt(\"not base64!\", \"", test_key_pkcs1!(), "\")"),
    concat!("rsadecrypt(\"", ciphertext!(), "\", \"not a key\")"),
    // Nested calls, as modules write them.
    "sort(distinct(concat([\"10.0.0.0/8\", \"b\"], [\"b\", \"a\"])))", "length(flatten([for s in [\"a\", \"b\"] : [s, upper(s)]]))",
    "zipmap(keys({b = 1, a = 2}), values({b = 1, a = 2}))", "join(\",\", formatlist(\"%s:%d\", sort([\"b\", \"a\"]), [80, 443]))",
    "lookup(merge({a = \"x\"}, {b = \"y\"}), \"b\", null)", "one(setsubtract(toset([\"a\", \"b\"]), [\"a\"]))",
    "core::upper(\"x\")",
    // Paths (strings only).
    "basename(\"a/b/c.txt\")", "basename(\"a/b/\")", "basename(\"/\")", "basename(\"//\")", "basename(\"\")",
    "basename(\"c\")", "basename(\"a//b\")", "basename(\"/a/b/..\")", "basename(\"é/ü.tf\")",
    "dirname(\"a/b/c.txt\")", "dirname(\"a/b/\")", "dirname(\"/\")", "dirname(\"\")", "dirname(\"c\")",
    "dirname(\"/c\")", "dirname(\"a//b//c\")", "dirname(\"./a/./b\")", "dirname(\"../../a\")",
    "dirname(\"/../a/b\")", "dirname(\"a/../../b/c\")", "dirname(\"a/b/../c/\")", "dirname(\"..\")",
    "dirname(\"/a/..\")", "dirname(\"a/./\")",
];

#[test]
fn every_function_gives_what_terraform_gives() {
    if common::terraform_missing("the differential test of the functions") {
        return;
    }
    // Every implemented function is exercised.
    for family in functions::IMPLEMENTED {
        for name in family.iter().filter(|n| !n.starts_with("file") && **n != "templatefile") {
            assert!(CASES.iter().any(|c| c.contains(&format!("{name}("))), "no case calls `{name}`");
        }
    }
    let dir = std::env::temp_dir().join(format!("tflint-rs-terraform-functions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let expected = terraform(&dir, CASES);
    std::fs::remove_dir_all(&dir).unwrap();
    compare(CASES, &expected, |case| evaluate_expression(case).value);
}

/// The file functions, on a small tree made for the test (text files, a
/// nested directory, a hidden file, an empty directory), with Terraform
/// run in that tree's root.
const FILE_CASES: &[&str] = &[
    "file(\"a.txt\")",
    "fileexists(\"a.txt\")",
    "fileexists(\"missing.txt\")",
    "fileexists(\"sub\")",
    "fileexists(\"sub/deep/c.json\")",
    "fileexists(\"./sub/../a.txt\")",
    // Without the state files `terraform console` itself writes in its directory.
    "[for f in fileset(\".\", \"*\") : f if !strcontains(f, \"tfstate\")]",
    "[for f in fileset(\".\", \"**\") : f if !strcontains(f, \"tfstate\")]",
    "fileset(\".\", \"*.txt\")",
    "fileset(\".\", \"**/*.json\")",
    "fileset(\"sub\", \"*\")",
    "fileset(\"sub\", \"**/*\")",
    "fileset(\".\", \"sub/*.{json,txt}\")",
    "fileset(\".\", \"?.txt\")",
    "fileset(\".\", \"[ab].txt\")",
    "fileset(\"missing\", \"*\")",
    "fileset(\".\", \"./sub//*.txt\")",
    "fileset(\"empty\", \"**\")",
    "fileset(path.module, \"sub/deep/*\")",
    "[for f in fileset(\".\", \"sub/**/*.json\") : jsondecode(file(f))]",
    "filebase64(\"a.txt\")",
    "filebase64(\"sub/deep/c.json\")",
    "filebase64(\"missing.txt\")",
    "filemd5(\"a.txt\")",
    "filesha1(\"a.txt\")",
    "filesha256(\"a.txt\")",
    "filesha512(\"b.txt\")",
    "filebase64sha256(\"a.txt\")",
    "filebase64sha512(\"sub/deep/c.json\")",
    "filesha256(\"empty.txt\")",
];

#[test]
fn file_functions_give_what_terraform_gives() {
    if common::terraform_missing("the differential test of the functions") {
        return;
    }
    for name in functions::IMPLEMENTED.iter().flat_map(|f| f.iter()).filter(|n| n.starts_with("file")) {
        assert!(FILE_CASES.iter().any(|c| c.contains(&format!("{name}("))), "no case calls `{name}`");
    }
    let dir = std::env::temp_dir().join(format!("tflint-rs-terraform-file-functions-{}", std::process::id()));
    for (path, text) in [
        ("a.txt", "héllo\n"),
        ("b.txt", "b"),
        ("empty.txt", ""),
        (".hidden.txt", "h"),
        ("sub/x.json", "{\"k\": 1}"),
        ("sub/y.txt", "y"),
        ("sub/deep/c.json", "{\"c\": [true, null]}"),
    ] {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let expected = terraform(&dir, FILE_CASES);
    compare(FILE_CASES, &expected, |case| evaluate_expression_in(&dir, case).value);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Evaluates `jsonencode(case)` with `eval` for every case and requires
/// Terraform's text (or Unknown where Terraform gives an error).
fn compare(cases: &[&str], expected: &[Option<String>], eval: impl Fn(&str) -> Option<serde_json::Value>) {
    let mut mismatches = Vec::new();
    for (case, want) in cases.iter().zip(expected) {
        let got = match eval(&format!("jsonencode({case})")) {
            Some(serde_json::Value::String(s)) => Some(s),
            Some(other) => panic!("{case}: jsonencode gave {other}"),
            None => None,
        };
        if &got != want {
            mismatches.push(format!("{case}\n    terraform: {want:?}\n    tflint-rs: {got:?}"));
        }
    }
    assert!(mismatches.is_empty(), "{} of {} differ:\n{}", mismatches.len(), cases.len(), mismatches.join("\n"));
}

/// Each case's `jsonencode` text as Terraform gives it (`None`: an error),
/// from one `terraform console` run in `dir`: all cases in one expression,
/// each in its own `try`, the whole in base64 so the console prints it
/// unescaped.
fn terraform(dir: &Path, cases: &[&str]) -> Vec<Option<String>> {
    let tries: Vec<String> = cases.iter().map(|c| format!("try(jsonencode({c}), false)")).collect();
    let expr = format!("base64encode(jsonencode([{}]))\n", tries.join(", "));
    let stdout = common::terraform(dir, &["console", "-no-color"], &expr);
    let b64: String = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let json = functions::base64_decode(&b64).expect("base64 of UTF-8");
    let results: Vec<serde_json::Value> = serde_json::from_str(&json).expect("a JSON array");
    assert_eq!(results.len(), cases.len());
    results
        .into_iter()
        .map(|r| match r {
            serde_json::Value::String(s) => Some(s),
            _ => None,
        })
        .collect()
}
