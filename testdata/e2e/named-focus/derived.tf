locals {
  # A chain written in reverse order: `public` reads `middle`, which reads base.tf.
  public = local.middle
  middle = local.base_public
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
    sid       = local.db_settings.port == 5432 ? "All" : "None"
  }
}
