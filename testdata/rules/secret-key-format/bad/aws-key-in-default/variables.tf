variable "deploy_key_id" {
  description = "Key of the deploy user (to be removed)"
  default     = "AKIAZ7Q4MRT2WX5NB3KD"
}
