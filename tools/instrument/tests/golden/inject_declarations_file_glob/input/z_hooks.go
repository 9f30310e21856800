package ij
