
Ž€Ð•ÿ¼1ÀÌ«ÿ¼1__name__http_requests_totalcode500jobapi|webenvdev.*",˜urate€Ð•ÿ¼1 ÀÌ«ÿ¼1*job*instance08à§