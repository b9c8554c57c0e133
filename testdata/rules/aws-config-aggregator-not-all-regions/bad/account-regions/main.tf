resource "aws_config_configuration_aggregator" "accounts" {
  name = "accounts"

  account_aggregation_source {
    account_ids = ["123456789012", "210987654321"]
    regions     = ["eu-west-1"]
  }
}
