# One policy per file in policies/, the common "policies as files" layout.
resource "aws_iam_policy" "from_files" {
  for_each = fileset("${path.module}/policies", "*.json")
  name     = trimsuffix(each.value, ".json")
  policy   = file("${path.module}/policies/${each.value}")
}
