package graph

import (
	"github.com/factgraph/factgraph/graph/model"
	"github.com/factgraph/factgraph/internal/domain"
)

// The functions below turn GraphQL inputs into domain values, parsing global
// IDs on the way so that storage only ever sees row IDs.

func articleFilter(f *model.ArticleFilter) (domain.ArticleFilter, error) {
	if f == nil {
		return domain.ArticleFilter{}, nil
	}
	eid, err := optionalTypedID(f.EntityID, typeEntity)
	if err != nil {
		return domain.ArticleFilter{}, err
	}
	out := domain.ArticleFilter{
		Outlet:          f.Outlet,
		PublishedAfter:  f.PublishedAfter,
		PublishedBefore: f.PublishedBefore,
		Search:          f.Search,
		EntityID:        eid,
	}
	return out, out.Validate()
}

func claimFilter(f *model.ClaimFilter) (domain.ClaimFilter, error) {
	if f == nil {
		return domain.ClaimFilter{}, nil
	}
	eid, err := optionalTypedID(f.EntityID, typeEntity)
	if err != nil {
		return domain.ClaimFilter{}, err
	}
	out := domain.ClaimFilter{Status: f.Status, EntityID: eid, Search: f.Search}
	return out, out.Validate()
}

func figureFilter(f *model.FigureFilter) (domain.FigureFilter, error) {
	if f == nil {
		return domain.FigureFilter{}, nil
	}
	sid, err := optionalTypedID(f.SourceID, typeEntity)
	if err != nil {
		return domain.FigureFilter{}, err
	}
	aid, err := optionalTypedID(f.ArticleID, typeArticle)
	if err != nil {
		return domain.FigureFilter{}, err
	}
	out := domain.FigureFilter{
		Head: f.Head, Status: f.Status, SourceID: sid, ArticleID: aid,
		MinValue: f.MinValue, MaxValue: f.MaxValue,
	}
	return out, out.Validate()
}

func entityFilter(f *model.EntityFilter) (domain.EntityFilter, error) {
	if f == nil {
		return domain.EntityFilter{}, nil
	}
	out := domain.EntityFilter{Kind: f.Kind, Search: f.Search}
	return out, out.Validate()
}

func newArticle(in model.IngestArticleInput) domain.NewArticle {
	return domain.NewArticle{
		Title: in.Title, Body: in.Body, URL: in.URL, Outlet: in.Outlet, PublishedAt: in.PublishedAt,
	}
}

func seriesFilter(f *model.SeriesFilter) (domain.SeriesFilter, error) {
	if f == nil {
		return domain.SeriesFilter{}, nil
	}
	eid, err := optionalTypedID(f.EntityID, typeEntity)
	if err != nil {
		return domain.SeriesFilter{}, err
	}
	out := domain.SeriesFilter{Search: f.Search, EntityID: eid, Head: f.Head, Conflicting: f.Conflicting, Status: f.Status}
	return out, out.Validate()
}
