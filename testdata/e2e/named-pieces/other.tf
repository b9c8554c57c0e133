# Read by a run on named.tf: it reads a local named.tf declares.
resource "aws_db_instance" "reached" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = local.public
}

# Left out of such a run: nothing of named.tf reaches it.
resource "aws_db_instance" "unreached" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = true
  user_data_note      = <<-EOT
    resource "aws_db_instance" "not_a_block" {
    }
  EOT
}

output "public" {
  value = local.public
}
