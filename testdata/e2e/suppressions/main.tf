# tflint-rs:ignore-file:aws-ecr-mutable-tags -- legacy repositories, tracked in OPS-12

# Above a block, with a reason: the whole block is covered.
# tflint-rs:ignore:aws-rds-publicly-accessible,aws-rds-storage-unencrypted -- demo database, no data
resource "aws_db_instance" "demo" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = true
}

resource "aws_db_instance" "other" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = true # tflint-rs:ignore:AWS-RDS-PUBLICLY-ACCESSIBLE
}

resource "aws_security_group" "bastion" {
  # Foreign comments keep working through the rules' equivalents.
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] #checkov:skip=CKV_AWS_24:bastion host behind MFA
  }

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # tfsec:ignore:aws-ec2-no-public-ingress-sgr
  }

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] // trivy:ignore:AVD-AWS-0107
  }
}

# An expired ignore stops suppressing and says so.
# tflint-rs:ignore:aws-s3-public-acl exp:2020-01-01 -- until the migration
resource "aws_s3_bucket_acl" "old" {
  bucket = "old"
  acl    = "public-read"
}

resource "aws_ecr_repository" "app" {
  name = "app"
}

# tflint-rs:ignore:aws-ec2-imdsv2-not-required -- nothing to suppress here
resource "aws_s3_bucket" "logs" {
  bucket = "logs" # tfsec:ignore:aws-ec2-enforce-http-token-imds
}

# tflint-rs:ignroe:aws-s3-public-acl
# tflint-rs:ignore:no-such-rule

# On a module block: everything the module reports.
# tflint-rs:ignore:aws-s3-public-acl -- the site is public by design
module "site" {
  source = "./modules/site"
}

# Checkov reads a skip anywhere inside the block as covering the block.
resource "aws_db_instance" "replica" {
  #checkov:skip=CKV_AWS_17:reached only through the proxy
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = true
}
