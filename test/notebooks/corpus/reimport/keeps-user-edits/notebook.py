# Databricks notebook source
dbutils.widgets.text("run_date", "2024-06-30")
dbutils.widgets.dropdown("mode", "incremental", ["full", "incremental"])
dbutils.widgets.text("rows", "250")
dbutils.widgets.text("new_param", "fresh")
dbutils.widgets.text("computed", str(42))

# COMMAND ----------

region = dbutils.widgets.get("region")
