# A guardrail: denying everything outside the allowed region is not a grant.
resource "aws_iam_policy" "region_guard" {
  name = "region-guard"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = "*"
      Resource  = "*"
      Condition = { StringNotEquals = { "aws:RequestedRegion" = "eu-west-1" } }
    }]
  })
}
