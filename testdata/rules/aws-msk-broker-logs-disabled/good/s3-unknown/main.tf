variable "subnets" {
  type = list(string)
}
variable "log_to_s3" {
  type = bool
}

resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = var.subnets
    security_groups = [aws_security_group.kafka.id]
  }

  logging_info {
    broker_logs {
      s3 {
        enabled = var.log_to_s3
        bucket  = "kafka-logs"
      }
    }
  }
}
