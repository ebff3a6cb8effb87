# Databricks notebook source
# DBTITLE 1,Parameters
dbutils.widgets.removeAll()
dbutils.widgets.text("run_date", "2024-01-01", "Run date")
dbutils.widgets.text('1. Source table', 'sales.raw_orders')  # TODO: move to prod catalog
dbutils.widgets.dropdown(
    "mode",
    "full",  # full reload by default
    ["full", 'incremental',],
    label="Load mode",
)
dbutils.widgets.combobox(label='Region', choices=("eu", "us"), defaultValue="apac", name="region")
dbutils.widgets.multiselect(
    name = "days",
    defaultValue = "mon,tue",
    choices = ["mon", "tue", "wed"],
)
dbutils.widgets.text("note", """multi
line""")
dbutils.widgets.text("path", r"C:\data\in", )
dbutils.widgets.text("greeting", 'it\'s "quoted"\t!')
dbutils.widgets.text("joined", "part one, " "part two")
dbutils.widgets.text("batch_size", 500)
dbutils.widgets.text("plain_f", f"no fields {{here}}")
dbutils.widgets.text("with.dots and spaces", "")

# COMMAND ----------

run_date = dbutils.widgets.get("run_date")
mode = getArgument("mode")
print(f"loading {run_date} in {mode} mode")
