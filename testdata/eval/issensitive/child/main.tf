variable "name" {
  type = string
}

variable "label" {
  type = string
}

resource "aws_db_instance" "given_marked" {
  publicly_accessible = issensitive(var.name)
  storage_encrypted   = true
}

resource "aws_db_instance" "given_unmarked" {
  publicly_accessible = issensitive(var.label)
  storage_encrypted   = true
}
