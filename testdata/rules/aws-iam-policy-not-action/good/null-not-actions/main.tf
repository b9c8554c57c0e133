# `null` is absent: a module's optional not_actions left unset is no NotAction.
variable "statements" {
  default = [{ sid = "Read", actions = ["s3:GetObject"], resources = ["arn:aws:s3:::docs/*"] }]
}

data "aws_iam_policy_document" "this" {
  dynamic "statement" {
    for_each = var.statements
    content {
      sid         = statement.value.sid
      effect      = "Allow"
      actions     = lookup(statement.value, "actions", null)
      not_actions = lookup(statement.value, "not_actions", null)
      resources   = statement.value.resources
    }
  }
}

resource "aws_iam_policy" "json" {
  name = "json"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["s3:GetObject"]
      NotAction = null
      Resource  = "*"
    }]
  })
}
