locals {
  users = toset(["alice", "bob"])
}

resource "aws_iam_user_policy" "self_service" {
  for_each = local.users
  name     = "self-service"
  user     = each.value
  policy   = data.aws_iam_policy_document.self_service.json
}
