-- Databricks notebook source
CREATE WIDGET TEXT catalog DEFAULT "main";
create widget dropdown env default 'dev' choices select * from (values ("dev"), ("staging"), ("prod"));
CREATE WIDGET COMBOBOX `table name` DEFAULT "orders" CHOICES (VALUES 'orders', 'customers', 'items');
CREATE WIDGET MULTISELECT days DEFAULT "mon" CHOICES ['mon', 'tue']
CREATE WIDGET DROPDOWN country DEFAULT "NL"
  CHOICES SELECT DISTINCT country
          FROM main.ref.countries;
CREATE WIDGET DROPDOWN size DEFAULT "XL" CHOICES SELECT * FROM (VALUES ('S'), ('M'));
CREATE WIDGET TEXT rows DEFAULT 100;
CREATE WIDGET TEXT today DEFAULT current_date();
-- CREATE WIDGET DROPDOWN scale_factor DEFAULT "10" CHOICES SELECT * FROM (VALUES ("10"), ("100"))
/* CREATE WIDGET TEXT in_block DEFAULT "" */

-- COMMAND ----------

REMOVE WIDGET env;
CREATE WIDGET DROPDOWN env DEFAULT "prod" CHOICES SELECT * FROM (VALUES ("prod"), ("dr"));
REMOVE WIDGET catalog;

-- COMMAND ----------

SELECT raw:owner, amount::int, '${catalog}' AS c, '12:30' AS t
FROM IDENTIFIER(:catalog || '.sales.' || :undeclared_schema)
WHERE day = ${date} AND conf = '${spark.sql.shuffle.partitions}' AND x = getArgument("arg_only")
-- WHERE y = :commented_marker

-- COMMAND ----------

-- MAGIC %python
-- MAGIC try:
-- MAGIC     dbutils.widgets.get("wg_env")
-- MAGIC except:
-- MAGIC     dbutils.widgets.dropdown(name = "wg_env", defaultValue = "dev", choices = ["dev", "prod"])
