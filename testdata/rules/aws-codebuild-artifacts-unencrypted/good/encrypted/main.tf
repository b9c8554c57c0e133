resource "aws_codebuild_project" "app" {
  name           = "app"
  service_role   = "arn:aws:iam::123456789012:role/codebuild"
  encryption_key = "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"

  artifacts {
    type     = "S3"
    location = "example-build-artifacts"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }
}
