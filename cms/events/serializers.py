"""How venues and categories appear inside event pages in the content API."""

from rest_framework import serializers


class VenueSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    address = serializers.CharField()
    area = serializers.CharField()
    area_label = serializers.CharField(source="get_area_display")
    capacity = serializers.IntegerField(allow_null=True)
    wheelchair_accessible = serializers.BooleanField()
    accessibility_info = serializers.CharField()
    parking_available = serializers.BooleanField()
    transit_info = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    map_url = serializers.CharField()


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
