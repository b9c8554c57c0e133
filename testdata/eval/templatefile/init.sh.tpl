#!/bin/bash
echo ECS_CLUSTER=${cluster} >> /etc/ecs/ecs.config
export DB_PASSWORD="${db_password}"
