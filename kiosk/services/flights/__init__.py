"""Flights (航班): the airport station's board of arrivals and departures, from the county's
flight feed, and when each arrival's passengers come out."""
