variable "task_policy_arns" {
  type = set(string)
}

resource "aws_iam_role_policy_attachment" "task" {
  for_each   = var.task_policy_arns
  role       = aws_iam_role.task.name
  policy_arn = each.value
}

resource "aws_iam_role_policy_attachment" "bucket" {
  role       = aws_iam_role.task.name
  policy_arn = aws_iam_policy.bucket_access.arn
}
