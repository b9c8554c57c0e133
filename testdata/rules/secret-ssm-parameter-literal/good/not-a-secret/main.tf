resource "aws_ssm_parameter" "log_level" {
  name  = "/app/prod/log_level"
  type  = "String"
  value = "info"
}

resource "aws_ssm_parameter" "db_password_arn" {
  name  = "/app/prod/db_password_arn"
  type  = "String"
  value = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db"
}
