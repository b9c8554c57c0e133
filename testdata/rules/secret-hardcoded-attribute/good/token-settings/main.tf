# Settings of tokens, not tokens: the units their validity is counted in, under
# keys named after the tokens (a false alarm on real code).
module "pool" {
  source = "./pool"
  default_client_token_validity_units = {
    refresh_token = "days"
    access_token  = "minutes"
    id_token      = "Hours"
  }
}

resource "aws_cognito_user_pool_client" "web" {
  name                   = "web"
  user_pool_id           = "eu-west-1_abc123"
  refresh_token_validity = 30
  access_token_validity  = 60

  token_validity_units {
    refresh_token = "days"
    access_token  = "minutes"
    id_token      = "minutes"
  }
}
