resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier          = "warehouse"
  node_type                   = "ra3.xlplus"
  number_of_nodes             = 2
  master_username             = "admin"
  manage_master_password      = true
  cluster_subnet_group_name   = aws_redshift_subnet_group.private.name
}
