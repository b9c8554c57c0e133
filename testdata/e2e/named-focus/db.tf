resource "aws_db_instance" "reached" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = local.public
}

resource "aws_iam_policy" "reached" {
  name   = "reached"
  policy = data.aws_iam_policy_document.read.json
}

# Nothing of base.tf reaches it: reported only when db.tf is named.
resource "aws_db_instance" "unrelated" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = true
  storage_encrypted   = false
}
