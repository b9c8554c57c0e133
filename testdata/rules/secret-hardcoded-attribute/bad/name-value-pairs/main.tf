# `{ name = "...", value = "..." }`: the value is named by `name`.

# A CodeBuild environment variable in plain text.
resource "aws_codebuild_project" "build" {
  name         = "build"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "DB_PASSWORD"
      value = "Kq8#vLp2!xRm"
    }
  }

  source {
    type = "NO_SOURCE"
  }
}
