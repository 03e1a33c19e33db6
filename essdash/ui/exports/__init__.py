"""The facilitator's export page: workbook, map layers, restitution document and link."""
