#!/bin/sh
echo seeded
